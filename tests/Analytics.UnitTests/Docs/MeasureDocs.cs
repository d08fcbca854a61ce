using System.Text;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Docs;

/// <summary>
/// Renders docs/domain/measures.md from the catalog. Each column names the property it shows, so a property added to
/// <see cref="Measure"/> without a column here fails <c>Every_public_property_of_a_measure_is_documented</c>.
/// </summary>
internal static class MeasureDocs
{
    public const string File = "docs/domain/measures.md";

    internal sealed record Column(string Property, string Header, Func<Measure, string> Cell);

    /// <summary>What the tables show, in order. Adapting to a new shape of <see cref="Measure"/> is an edit here.</summary>
    internal static readonly Column[] Columns =
    [
        new(nameof(Measure.Id), "id", m => $"`{m.Id}`"),
        new(nameof(Measure.NameZh), "中文名", m => m.NameZh),
        new(nameof(Measure.NameEn), "English name", m => m.NameEn),
        new(nameof(Measure.Unit), "unit", m => m.Unit.ToString().ToLowerInvariant()),
        new(nameof(Measure.Kind), "kind", m => m.Kind.ToString().ToLowerInvariant()),
        new(nameof(Measure.Direction), "direction", m => m.Direction switch
        {
            MeasureDirection.Up => "higher is better",
            MeasureDirection.Down => "lower is better",
            _ => "none (a volume: neither good nor bad)",
        }),
        new(nameof(Measure.Grains), "grains", m => m.Grains.Replace(",", ", ", StringComparison.Ordinal)),
        new(nameof(Measure.Definition), "definition", m => m.Definition),
        new(nameof(Measure.Sql), "computed in the marts", m => m.Sql.Value is { } v
            ? $"`{string.Join(' ', v.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries))}` from {m.Sql.Source}"
            : m.Sql.Denominator is { } d ? $"`{m.Sql.Numerator}` / `{d}` from {m.Sql.Source}" : $"`{m.Sql.Numerator}` from {m.Sql.Source}"),
    ];

    /// <summary>Properties shown without a column: the family is each table's heading, IsRate follows from the unit.</summary>
    internal static readonly string[] ShownElsewhere =
        [nameof(Measure.Family), nameof(Measure.IsRate), nameof(Measure.HigherIsBetter), nameof(Measure.HasDirection)];

    public static string Render(IReadOnlyList<Measure> measures)
    {
        var text = new StringBuilder();
        text.Append($"""
            # Measures

            <!-- Generated from MeasureCatalog.All by tests/Analytics.UnitTests/Docs; do not edit by hand. -->

            The {measures.Count} measures of the warehouse, generated from `warehouse/Measures/MeasureCatalog.cs` (the
            `Measures` entity set and the `dim_measure` table carry the same fields). Ids are part of the public API.
            A test fails when this file and the catalog differ; after changing the catalog, regenerate it with
            `{GeneratedDocs.WriteVariable}=1 dotnet test tests/Analytics.UnitTests --filter FullyQualifiedName~Analytics.UnitTests.Docs`.

            - **unit**: `count` (a whole number), `ratio` (a quotient; those whose id ends in `_rate` lie in 0-1 and
              reports show them as percentages, their changes in percentage points), `score` (0-100).
            - **kind**: `flow` adds up over the months of a period; `cumulative` counts everything up to the period's
              end; `snapshot` is the latest state inside the period and is never summed over time.
            - **direction**: which end ranks first among sibling regions.
            - **grains**: the period grains the measure has values for (month `2024-07`, quarter `2024-Q3`, year `2024`).
            - A ratio is always the sum of numerators over the sum of denominators at the grain asked for, never an
              average of lower-level ratios; `MeasureValues` carries `Numerator` and `Denominator` beside `Value`.
              How the rules apply where the definitions leave room is in
              [decision 3](../decisions/0003-measure-semantics.md).

            """);
        foreach (var family in measures.GroupBy(m => m.Family))
        {
            text.Append($"\n## {family.Key}\n\n");
            text.Append(Row(Columns.Select(c => c.Header)));
            text.Append(Row(Columns.Select(_ => "---")));
            foreach (var measure in family)
                text.Append(Row(Columns.Select(c => c.Cell(measure).Replace("|", "\\|", StringComparison.Ordinal))));
        }
        return text.ToString();
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |\n";
}
