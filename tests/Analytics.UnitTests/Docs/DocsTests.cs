using System.Reflection;
using Analytics.Etl.Sources;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Docs;

/// <summary>The parts of docs/ that restate the code are generated from it and checked here.</summary>
public sealed class DocsTests
{
    [Fact]
    public void Measures_md_is_what_the_catalog_generates()
    {
        GeneratedDocs.AssertFile(MeasureDocs.File, MeasureDocs.Render(MeasureCatalog.All));
    }

    [Fact]
    public void Every_public_property_of_a_measure_is_documented()
    {
        var shown = MeasureDocs.Columns.Select(c => c.Property).Concat(MeasureDocs.ShownElsewhere);
        var properties = typeof(Measure).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

        var undocumented = properties.Except(shown).ToList();

        Assert.True(undocumented.Count == 0,
            $"Measure.{string.Join(", Measure.", undocumented)} appear in no column of {MeasureDocs.File}: "
            + "add a column to MeasureDocs.Columns (or name it in MeasureDocs.ShownElsewhere), then regenerate.");
    }

    [Fact]
    public void Sources_md_shows_every_family_as_declared_and_stored()
    {
        GeneratedDocs.AssertBlocks(SourceDocs.File, SourceDocs.Render(Families.All));
    }

    [Fact]
    public void The_user_guide_explains_every_measure()
    {
        var guide = File.ReadAllText(GeneratedDocs.PathOf("docs/用户指南.md"));

        var missing = MeasureCatalog.All.Where(m => !guide.Contains($"| {m.NameZh} | `{m.Id}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0,
            "docs/用户指南.md (section 五、指标速览) has no row '| 中文名 | `id` | 含义 |' for "
            + string.Join(", ", missing.Select(m => m.Id)) + ": add one in plain Chinese.");
    }
}
