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
        Assert.Equal("'=HYPERLINK(\"\"x\"\")", TableExport.Field("=HYPERLINK(\"x\")").Trim('"'));
        Assert.Equal("'+1", TableExport.Field("+1"));
        Assert.Equal("'-1", TableExport.Field("-1"));
        Assert.Equal("'@SUM(A1)", TableExport.Field("@SUM(A1)"));
        Assert.Equal("\"a,b\"", TableExport.Field("a,b"));
        Assert.Equal("宝鸡市", TableExport.Field("宝鸡市"));
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

        var csv = TableExport.Csv(RankingExport.Table(ranking, rows));
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains("1,'=1+1,610300000001,'@x,90%,9,10,10%,5%,88%,60%,98%,是", text, StringComparison.Ordinal);

        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(TableExport.Xlsx(RankingExport.Table(ranking, rows))));
        var cell = book.Worksheet(1).CellsUsed().Single(c => c.GetString() == "=1+1");
        Assert.False(cell.HasFormula);
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, cell.DataType);
    }

    [Theory]
    [InlineData("duplicate of row 12 in this file", "duplicate")]
    [InlineData("duplicate of cases/hotline_202401.csv row 7", "duplicate")]
    [InlineData("来电时间 is empty", "empty")]
    [InlineData("status is closed but closed_at is empty", "closed_without_time")]
    [InlineData("出动人数 '99999999999' is out of range (a whole number of at most 2147483647)", "out_of_range")]
    [InlineData("来电时间 1900-01-01 00:00:00 is before 2000-01-01, the earliest plausible date (--earliest-date)", "before_earliest")]
    [InlineData("来电时间 2099-01-01 00:00:00 is after 2027-01-01, 30 days after this load (--future-days)", "after_latest")]
    [InlineData("出动人数 '2.5' is not a whole number", "not_whole_number")]
    [InlineData("来电时间 '2024-13-45' is not a date and time (2024-07-03 14:05:00 or 2024/7/3 14:05:00)", "not_datetime")]
    [InlineData("立案日期 'yesterday' is not a date (2024-07-03, 2024/7/3 or 2024-07-03 14:05:00)", "not_date")]
    [InlineData("是否联合执法 'Y' is not 是 or 否", "not_yes_no")]
    [InlineData("满意度 '很好' is not one of 满意/基本满意/不满意/未回访", "not_allowed_value")]
    [InlineData("出动人数 -3 is negative", "negative")]
    [InlineData("区划代码 610399999999 is not a known region code", "unknown_region")]
    [InlineData("改革后机构数 16 is above 改革前机构数 9", "after_above_before")]
    [InlineData("办结时间 is before 派单时间", "time_order")]
    [InlineData("line 41: expected 14 fields, found 15", "wrong_field_count")]
    [InlineData("not valid JSON: '}' is invalid", "invalid_json")]
    [InlineData("something new the loader learnt", "other")]
    public void EveryReasonTheLoaderWritesHasAStableCodeAndChineseText(string reason, string code)
    {
        var (actual, zh) = QuarantineReasons.Of(reason);
        Assert.Equal(code, actual);
        Assert.DoesNotMatch("[A-Za-z]", zh);
    }

    [Fact]
    public void Every_table_export_writes_dates_as_dates_and_text_as_text()
    {
        var table = new ExportTable("表", "表", ["范围：全部地区"], ["文件", "加载时间", "行数"],
            [[Cell.Text("-1.csv"), Cell.Time(new DateTime(2026, 12, 1, 8, 30, 0)), Cell.Integer(1234)]]);
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(TableExport.Xlsx(table)));
        var sheet = book.Worksheet(1);
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, sheet.Cell(4, 1).DataType);
        Assert.Equal(new DateTime(2026, 12, 1, 8, 30, 0), sheet.Cell(4, 2).GetDateTime());
        Assert.Equal(1234, sheet.Cell(4, 3).GetDouble());
        var csv = Encoding.UTF8.GetString(TableExport.Csv(table));
        Assert.EndsWith("'-1.csv,2026-12-01 08:30:00,1234\r\n", csv, StringComparison.Ordinal);
    }
}
