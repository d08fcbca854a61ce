extern alias api;

using System.Text;
using api::Analytics.Api.Queries;
using api::Analytics.Api.Workbench;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Workbench;

/// <summary>The workbench's interval, measure texts and export rules, without a browser.</summary>
public sealed class WorkbenchApiTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(157, 159, 0.9553, 0.9965)]
    public void The_Wilson_interval_matches_published_values(long k, long n, double low, double high)
    {
        var (l, h, _) = Reliability.Of(MeasureCatalog.Find(MeasureIds.HotlineSatisfactionRate)!, k, n, 30);
        Assert.Equal(low, l!.Value, 4);
        Assert.Equal(high, h!.Value, 4);
    }

    [Fact]
    public void Every_measure_has_a_Chinese_definition() =>
        Assert.All(MeasureCatalog.All, m => Assert.True(MeasureTexts.HasDefinition(m.Id), $"{m.Id} has no Chinese definition"));

    [Fact]
    public void Csv_text_that_Excel_would_evaluate_stays_text()
    {
        Assert.Equal("'=HYPERLINK(\"\"x\"\")", RankingExport.Field("=HYPERLINK(\"x\")").Trim('"'));
        Assert.Equal("'+1", RankingExport.Field("+1"));
        Assert.Equal("'-1", RankingExport.Field("-1"));
        Assert.Equal("'@SUM(A1)", RankingExport.Field("@SUM(A1)"));
        Assert.Equal("\"a,b\"", RankingExport.Field("a,b"));
        Assert.Equal("宝鸡市", RankingExport.Field("宝鸡市"));
    }

    [Fact]
    public void Exports_keep_formula_looking_names_as_text_and_the_csv_starts_with_a_bom()
    {
        var measure = WorkbenchQueries.Describe(MeasureCatalog.Find("hotline_satisfaction_rate")!);
        var rows = new List<RankedRow>
        {
            new(1, "610300000001", "=1+1", null, "@x", 0.9, 9, 10, 0.8, 0.1, 0.85, 0.05, 0.88, 0.6, 0.98, true),
        };
        var ranking = new Ranking(measure, "2024", "township", null, [], "2023", "2023", null, rows);

        var csv = RankingExport.Csv(ranking, rows);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains("1,'=1+1,610300000001,'@x,90%,9,10,10%,5%,88%,60%,98%,是", text, StringComparison.Ordinal);

        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(RankingExport.Xlsx(ranking, rows)));
        var cell = book.Worksheet(1).CellsUsed().Single(c => c.GetString() == "=1+1");
        Assert.False(cell.HasFormula);
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, cell.DataType);
    }
}
