using System.Text.RegularExpressions;

namespace Analytics.Warehouse.Measures;

/// <summary>
/// How the marts compute a measure: which source of <c>marts/03_measure_base.sql</c> it reads (rollup, devolution,
/// reforms, grids, staffing) and the SQL of its numerator and denominator there, or of its value when it is not a
/// ratio of two sums (the composite score). Rates are always sum(numerator) / sum(denominator) at the grain.
/// </summary>
public sealed partial record MeasureSql(string Source, string? Numerator, string? Denominator = null, string? Value = null)
{
    /// <summary>Replaces each <c>{{measures:SOURCE}}</c> of a mart script with the VALUES rows of that source's measures.</summary>
    public static string Render(string script) => Placeholder().Replace(script, m =>
    {
        var rows = MeasureCatalog.All.Where(x => x.Sql.Source == m.Groups["source"].Value)
            .Select(x => $"('{x.Id}', CAST({x.Sql.Numerator ?? "NULL"} AS BIGINT), CAST({x.Sql.Denominator ?? "NULL"} AS BIGINT), CAST({x.Sql.Value ?? "NULL"} AS DOUBLE))")
            .ToList();
        if (rows.Count == 0)
            throw new InvalidOperationException($"no measure of the catalog reads the source '{m.Groups["source"].Value}'");
        return string.Join(",\n    ", rows);
    });

    /// <summary>The sources the mart script offers, for a test that every measure reads one of them.</summary>
    public static IEnumerable<string> Sources(string script) => Placeholder().Matches(script).Select(m => m.Groups["source"].Value);

    [GeneratedRegex(@"\{\{measures:(?<source>[a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
