extern alias api;

using System.Globalization;
using System.Text;
using System.Text.Json;
using Analytics.Tests.Api;
using Analytics.Warehouse;
using api::Analytics.Api.Workbench;
using ClosedXML.Excel;

namespace Analytics.Tests.Workbench;

/// <summary>
/// The region page's and the data page's tables as .xlsx and CSV, read back against the API's JSON, on the
/// data-samples warehouse; the data page as a key with a region sees it; quarantine reasons in Chinese.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchExportTests(WorkbenchServer server)
{
    private const string Baoji = WorkbenchServer.Baoji;

    private HttpClient Admin => ApiFactory.ClientWith(server, WorkbenchServer.AdminKey);

    [Fact]
    public async Task A_regions_figures_download_with_their_numbers_and_formats()
    {
        var client = Admin;
        var page = await client.GetJson($"/api/workbench/regions/{Baoji}?period=2024");
        var figures = page.GetProperty("figures").EnumerateArray().ToList();
        Assert.True(figures.Count > 15, "every headline measure of 宝鸡市 in 2024");
        var (sheet, header) = await Sheet(client, $"/api/workbench/regions/{Baoji}/figures.xlsx?period=2024", "指标");
        Assert.Contains("宝鸡市", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(["指标", "指标代码", "期间", "数值", "分子", "分母", "同比", "环比"], Enumerable.Range(1, 8).Select(c => sheet.Cell(header, c).GetString()));
        Assert.Equal(figures.Count, sheet.LastRowUsed()!.RowNumber() - header);
        for (var i = 0; i < figures.Count; i++)
        {
            var (row, json) = (sheet.Row(header + 1 + i), figures[i]);
            var measure = json.GetProperty("measure");
            Assert.Equal(measure.GetProperty("id").GetString(), row.Cell(2).GetString());
            Assert.Equal(json.GetProperty("value").GetDouble(), row.Cell(4).GetDouble(), 12);
            Assert.Equal(XLDataType.Number, row.Cell(4).DataType);
            var percent = measure.GetProperty("percent").GetBoolean();
            Assert.Equal(percent, row.Cell(4).Style.NumberFormat.Format.Contains('%', StringComparison.Ordinal));
            if (json.GetProperty("denominator").ValueKind == JsonValueKind.Number)
                Assert.Equal(json.GetProperty("denominator").GetInt64(), (long)row.Cell(6).GetDouble());
            if (json.GetProperty("yoy").ValueKind == JsonValueKind.Number)
                Assert.Equal(json.GetProperty("yoy").GetDouble(), row.Cell(7).GetDouble(), 12);
        }

        var csv = await client.GetByteArrayAsync($"/api/workbench/regions/{Baoji}/figures.csv?period=2024");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var satisfaction = lines.Single(l => l.Contains(",hotline_satisfaction_rate,", StringComparison.Ordinal)).Split(',');
        var value = figures.Single(f => f.GetProperty("measure").GetProperty("id").GetString() == "hotline_satisfaction_rate").GetProperty("value").GetDouble();
        Assert.Equal(value, double.Parse(satisfaction[3].TrimEnd('%'), CultureInfo.InvariantCulture) / 100, 6);
    }

    [Theory]
    [InlineData("runs", "runs", "批次")]
    [InlineData("files", "files", "文件")]
    [InlineData("quarantine", "quarantine", "文件")]
    [InlineData("reconciliation", "reconciliation", "地区")]
    [InlineData("failures", "failedLoads", "开始")]
    public async Task Every_data_table_downloads_with_the_apis_rows(string table, string property, string first)
    {
        var client = Admin;
        var rows = (await client.GetJson("/api/workbench/health")).GetProperty(property).EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var (sheet, header) = await Sheet(client, $"/api/workbench/health/{table}.xlsx", first);
        Assert.Equal(rows.Count, sheet.LastRowUsed()!.RowNumber() - header);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = sheet.Row(header + 1 + i);
            var json = rows[i];
            switch (table)
            {
                case "runs":
                    Assert.Equal(json.GetProperty("runId").GetString(), row.Cell(1).GetString());
                    Assert.Equal(json.GetProperty("rowsLoaded").GetInt64(), (long)row.Cell(6).GetDouble());
                    Assert.Equal(XLDataType.DateTime, row.Cell(2).DataType);
                    break;
                case "files":
                    Assert.Equal(json.GetProperty("filePath").GetString(), row.Cell(1).GetString());
                    Assert.Equal(json.GetProperty("rowsLoaded").GetInt64(), (long)row.Cell(6).GetDouble());
                    Assert.Equal(json.GetProperty("rowsRejected").GetInt64(), (long)row.Cell(7).GetDouble());
                    Assert.Equal("#,##0", row.Cell(6).Style.NumberFormat.Format);
                    break;
                case "quarantine":
                    Assert.Equal(json.GetProperty("filePath").GetString(), row.Cell(1).GetString());
                    Assert.Equal(json.GetProperty("reasonCode").GetString(), row.Cell(4).GetString());
                    Assert.Equal(json.GetProperty("reasonZh").GetString(), row.Cell(5).GetString());
                    Assert.Equal(json.GetProperty("rows").GetInt64(), (long)row.Cell(6).GetDouble());
                    break;
                case "failures":
                    Assert.Equal(json.GetProperty("file").GetString(), row.Cell(4).GetString());
                    Assert.Equal(json.GetProperty("reason").GetString(), row.Cell(7).GetString());
                    Assert.Equal(XLDataType.DateTime, row.Cell(2).DataType);
                    break;
                default:
                    Assert.Equal(json.GetProperty("regionCode").GetString(), row.Cell(2).GetString());
                    Assert.Equal(json.GetProperty("publishedValue").GetDouble(), row.Cell(5).GetDouble(), 12);
                    Assert.Equal(XLDataType.Number, row.Cell(5).DataType);
                    break;
            }
        }
        var csv = await client.GetByteArrayAsync($"/api/workbench/health/{table}.csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        Assert.StartsWith("范围：全部地区", Encoding.UTF8.GetString(csv[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Percent_figures_published_and_in_the_warehouse_are_written_as_percent_cells()
    {
        var client = Admin;
        var rows = (await client.GetJson("/api/workbench/health")).GetProperty("reconciliation").EnumerateArray().ToList();
        var rate = rows.FindIndex(r => r.GetProperty("indicator").GetString()!.EndsWith("_rate", StringComparison.Ordinal));
        Assert.True(rate >= 0, "data-samples publishes at least one rate");
        var (sheet, header) = await Sheet(client, "/api/workbench/health/reconciliation.xlsx", "地区");
        Assert.Equal("0.00%", sheet.Cell(header + 1 + rate, 5).Style.NumberFormat.Format);
    }

    [Fact]
    public async Task Quarantine_reasons_are_chinese_with_stable_codes_for_every_reason_the_samples_have()
    {
        var reasons = server.Samples.Query("SELECT DISTINCT reason FROM quarantine").Select(r => (string)r[0]!).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.NotEqual(QuarantineReasons.OtherCode, QuarantineReasons.Of(r).Code));

        var groups = (await Admin.GetJson("/api/workbench/health")).GetProperty("quarantine").EnumerateArray().ToList();
        var total = Convert.ToInt64(server.Samples.Scalar("SELECT count(*) FROM quarantine"), CultureInfo.InvariantCulture);
        Assert.Equal(total, groups.Sum(g => g.GetProperty("rows").GetInt64()));
        Assert.All(groups, g =>
        {
            Assert.Contains(g.GetProperty("reasonCode").GetString(), QuarantineReasons.Codes);
            Assert.DoesNotMatch("[A-Za-z]", g.GetProperty("reasonZh").GetString()!);
        });
        // One group per file, sheet, column and problem, whatever value each row held.
        var expected = server.Samples.Query("SELECT file_path, sheet, column_name, reason FROM quarantine")
            .Select(r => (r[0], r[1], r[2], QuarantineReasons.Of((string)r[3]!).Code)).Distinct().Count();
        Assert.Equal(expected, groups.Count);
    }

    [Fact]
    public async Task A_city_key_sees_the_loads_but_no_counts_from_other_regions()
    {
        var city = ApiFactory.ClientWith(server, server.BaojiKey);
        var health = await city.GetJson("/api/workbench/health");
        Assert.True(health.GetProperty("scoped").GetBoolean());
        var admin = await Admin.GetJson("/api/workbench/health");
        Assert.Equal(admin.GetProperty("files").GetArrayLength(), health.GetProperty("files").GetArrayLength());
        Assert.All(health.GetProperty("files").EnumerateArray(), f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("rowsLoaded").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("rowsRejected").ValueKind);
        });
        Assert.All(health.GetProperty("runs").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("rowsLoaded").ValueKind));
        Assert.Empty(health.GetProperty("quarantine").EnumerateArray());
        Assert.NotEmpty(admin.GetProperty("quarantine").EnumerateArray());
        Assert.All(health.GetProperty("reconciliation").EnumerateArray(),
            r => Assert.All(r.GetProperty("regionCode").GetString()!.Split('+'), c => Assert.StartsWith("6103", c, StringComparison.Ordinal)));
        // A failed load names a file, a row, a column, never a figure: every key is told, as of the loads.
        Assert.Equal(admin.GetProperty("failedLoads").ToString(), health.GetProperty("failedLoads").ToString());

        // The exports hold what the JSON holds: no counts, no quarantined rows.
        var (files, header) = await Sheet(city, "/api/workbench/health/files.xlsx", "文件");
        Assert.Contains("宝鸡市", files.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.True(files.Range(header + 1, 5, files.LastRowUsed()!.RowNumber(), 7).IsEmpty());
        var (quarantine, qHeader) = await Sheet(city, "/api/workbench/health/quarantine.xlsx", "文件");
        Assert.Equal(qHeader, quarantine.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public async Task A_failed_scheduled_load_is_listed_with_its_file_columns_and_chinese_reason_and_changed_nothing()
    {
        var health = await Admin.GetJson("/api/workbench/health");
        var failed = Assert.Single(health.GetProperty("failedLoads").EnumerateArray());
        Assert.Equal("failed", failed.GetProperty("outcome").GetString());
        Assert.Equal("失败", failed.GetProperty("outcomeZh").GetString());
        Assert.Equal(WorkbenchServer.FailedFile, failed.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("row").ValueKind);
        var column = failed.GetProperty("column").GetString()!;
        foreach (var required in new[] { "承办单位代码", "是否解决" })
            Assert.Contains(required, column, StringComparison.Ordinal);
        var reason = failed.GetProperty("reason").GetString()!;
        Assert.StartsWith("表头缺少必需的列", reason, StringComparison.Ordinal);
        Assert.Contains("找到的已知列：工单编号, 来电时间", reason, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", reason);
        // The failure came after the warehouse's last load, which is still what is served.
        Assert.True(failed.GetProperty("unresolved").GetBoolean());
        var lastRun = health.GetProperty("runs")[0].GetProperty("finishedAt").GetDateTime();
        Assert.True(failed.GetProperty("finishedAt").GetDateTime() >= lastRun);
        Assert.Equal(server.Generation, new Generations(server.Samples.Warehouse).Current());
        Assert.Equal(server.Samples.Query("SELECT run_id FROM etl_runs").Count, health.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Exports_of_a_region_outside_the_key_or_an_unknown_table_are_refused_in_chinese()
    {
        var city = ApiFactory.ClientWith(server, server.BaojiKey);
        foreach (var (url, status) in new[]
        {
            ("/api/workbench/regions/360100000000/figures.xlsx?period=2024", 404),
            ("/api/workbench/health/secrets.xlsx", 404),
            ("/api/workbench/health/files.pdf", 400),
            ($"/api/workbench/regions/{Baoji}/figures.csv?period=2024-13", 400),
        })
        {
            var response = await city.GetAsync(url);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The first sheet of a downloaded workbook and the row of its header (the row whose first cell is <paramref name="first"/>).</summary>
    private static async Task<(IXLWorksheet Sheet, int Header)> Sheet(HttpClient client, string url, string first)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(TableExport.XlsxType, response.Content.Headers.ContentType!.MediaType);
        var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet(1);
        var header = sheet.Column(1).CellsUsed().First(c => c.GetString() == first).Address.RowNumber;
        Assert.True(header > 2, "the filters are written above the table");
        return (sheet, header);
    }
}
