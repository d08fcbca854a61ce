extern alias api;

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using api::Analytics.Api.Reports;
using Analytics.Tests.Api;

namespace Analytics.Tests.Reports;

/// <summary>The report as a leader sees it: opened in headless Chromium, printed to PDF, served at a stable URL.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReportTests(ApiFactory factory)
{
    [Fact]
    public async Task The_report_loads_in_Chromium_with_its_charts_and_Chinese_text()
    {
        var response = await factory.Admin().GetAsync($"/api/reports/{TestSources.Province}/2024-Q1.html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.DoesNotContain("src=\"http", html);
        var charts = ImgTag().Matches(html).Count;
        Assert.True(charts >= 6, $"{charts} charts");

        // The page as Chromium builds it: a probe appended to a copy counts the images it could decode.
        var folder = Directory.CreateTempSubdirectory("report-test-").FullName;
        var page = Path.Combine(folder, "report.html");
        await File.WriteAllTextAsync(page, html.Replace("</body>",
            "<script>document.body.dataset.decoded = [...document.images].filter(i => i.complete && i.naturalWidth > 0).length;</script></body>"));
        var dom = await ChromiumPdf.DumpDom(page);
        Assert.Contains($"data-decoded=\"{charts}\"", dom);
        Assert.Contains("陕西省乡镇街道改革2024年第一季度报告", dom);
        Assert.Contains("一、综述", dom);
        foreach (var heading in new[] { "、主要指标", "、12345热线接诉即办", "、预测展望", "、数据质量说明" })
            Assert.Contains(heading, dom);

        // Printed, the Chinese is still text: pdftotext reads it back.
        var pdf = await factory.Admin().GetByteArrayAsync($"/api/reports/{TestSources.Province}/2024-Q1.pdf");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var pdfFile = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(pdfFile, pdf);
        var text = await Run("pdftotext", pdfFile, "-");
        Assert.Contains("主要指标", text);
        Assert.Contains("陕西省", text);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Headline_figures_are_the_dashboards_figures()
    {
        var html = await factory.Admin().GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-03.html");
        var tickets = factory.Sources.Tickets.Count(t => TestSources.TownshipsUnder(TestSources.Baoji).Contains(t.Township) && t.Received.Month == 3);
        var previous = factory.Sources.Tickets.Count(t => TestSources.TownshipsUnder(TestSources.Baoji).Contains(t.Township) && t.Received.Month == 2);
        var change = ((tickets - previous) * 100.0 / previous).ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($"<td>12345工单数</td><td>{tickets:#,0}</td><td>{previous:#,0}</td><td[^>]*>{Regex.Escape(change)}%</td>", html);
        // The children's ranking lists 宝鸡市's counties.
        Assert.Contains("岐山县", html);
        Assert.Contains("扶风县", html);
    }

    [Fact]
    public async Task A_regional_keys_report_of_its_own_region_shows_nothing_computed_outside_it()
    {
        // 宝鸡市's own report, asked with a 宝鸡市 key, has no 陕西省 value beside its figures; the nationwide one has.
        var province = factory.Sources.Tickets.Count(t => TestSources.TownshipsUnder(TestSources.Province).Contains(t.Township) && t.Received.Month == 3);
        var cell = $"<td>{province:#,0}</td>";
        var nationwide = await factory.Admin().GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-03.html");
        var scoped = await factory.ClientWith(factory.NewKey("viewer", TestSources.Baoji)).GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-03.html");

        Assert.Contains(cell, nationwide);
        Assert.DoesNotContain(cell, scoped);
        Assert.Contains("12345工单数", scoped);
    }

    [Fact]
    public async Task Reports_outside_the_keys_region_or_with_a_bad_period_are_not_served()
    {
        var xian = factory.ClientWith(factory.NewKey("viewer", TestSources.Xian));
        Assert.Equal(HttpStatusCode.NotFound, (await xian.GetAsync($"/api/reports/{TestSources.Baoji}/2024-Q1.html")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Admin().GetAsync($"/api/reports/{TestSources.Baoji}/2024-13.html")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Admin().GetAsync($"/api/reports/{TestSources.Baoji}/2024.docx")).StatusCode);
    }

    [Fact]
    public async Task The_schedule_archives_the_latest_reports_after_a_load()
    {
        // Its own archive: reports the other tests built from the same generation would count as already archived.
        var folder = Directory.CreateTempSubdirectory("report-schedule-").FullName;
        await using var host = factory.With(("Reports:Schedule", "month,quarter"), ("Reports:Regions", TestSources.Province), ("Reports:Archive", folder),
            ("Reports:Pdf", "false"), ("Reports:CheckInterval", "00:00:00.2"));
        var schedule = host.Services.GetService(typeof(ReportSchedule)) as ReportSchedule;
        Assert.NotNull(schedule);
        var archive = (ReportArchive)host.Services.GetService(typeof(ReportArchive))!;
        var deadline = Stopwatch.StartNew();
        while (schedule.LastRun.Count < 2 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(200);
        Assert.Equal([(TestSources.Province, "2024-03"), (TestSources.Province, "2024-Q1")], schedule.LastRun);
        Assert.True(File.Exists(archive.Html(TestSources.Province, "2024-Q1")));
    }

    [Fact]
    public async Task The_report_command_writes_html_and_pdf()
    {
        var folder = Directory.CreateTempSubdirectory("report-command-").FullName;
        var code = await ReportCommand.Run(["--region", TestSources.Baoji, "--period", "2024", "--warehouse", factory.WarehousePath, "--out", folder]);
        Assert.Equal(0, code);
        Assert.True(new FileInfo(Path.Combine(folder, TestSources.Baoji, "2024.html")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(folder, TestSources.Baoji, "2024.pdf")).Length > 10_000);
        Assert.Equal(1, await ReportCommand.Run(["--region", "999999999999", "--period", "2024", "--warehouse", factory.WarehousePath, "--out", folder, "--no-pdf"]));
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    [GeneratedRegex("<img [^>]*src=\"data:image/png;base64,")]
    private static partial Regex ImgTag();
}
