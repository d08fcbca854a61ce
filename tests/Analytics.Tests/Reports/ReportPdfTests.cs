extern alias api;

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using api::Analytics.Api.Reports;
using Analytics.Tests.Api;
using SkiaSharp;

namespace Analytics.Tests.Reports;

/// <summary>
/// Every kind of report (province, city, county, township) checked from the printed PDF itself, as a leader gets it:
/// A4, no page but the last more than half empty, no table with only its header, every number of the 综述 a cell of the
/// report's tables, no technical names.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReportPdfTests(ApiFactory factory)
{
    [Theory]
    [InlineData(TestSources.Province)]
    [InlineData(TestSources.Baoji)]
    [InlineData(TestSources.Qishan)]
    [InlineData(TestSources.Caijiapo)]
    public Task The_report_prints_on_A4_without_half_empty_pages_or_empty_tables(string region) =>
        PrintsOnA4WithoutHalfEmptyPagesOrEmptyTables(factory.Admin(), region, "2024-Q1");

    /// <summary>
    /// The same on data-samples, whose reports are longer (a 综述 of five paragraphs, 116 townships ranked): there a
    /// key-figures table kept whole with its heading moved to page 2 and left page 1 of 宝鸡市's report 45% blank.
    /// </summary>
    [Theory]
    [InlineData("360000000000", "2024-Q4")]
    [InlineData(TestSources.Baoji, "2024-Q4")]
    [InlineData(TestSources.Baoji, "2024-11")]
    [InlineData(TestSources.Qishan, "2024-Q4")]
    [InlineData("110117107000", "2024-Q4")]
    public async Task Sample_reports_print_on_A4_without_half_empty_pages_or_empty_tables(string region, string period)
    {
        var archive = Directory.CreateTempSubdirectory("report-samples-").FullName;
        await using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse), ("Reports:Archive", archive));
        await PrintsOnA4WithoutHalfEmptyPagesOrEmptyTables(ApiFactory.ClientWith(host, ApiFactory.AdminKey), region, period);
        Directory.Delete(archive, recursive: true);
    }

    private static async Task PrintsOnA4WithoutHalfEmptyPagesOrEmptyTables(HttpClient client, string region, string period)
    {
        var folder = Directory.CreateTempSubdirectory("report-pdf-").FullName;
        var pdf = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(pdf, await client.GetByteArrayAsync($"/api/reports/{region}/{period}.pdf"));

        var info = await Run("pdfinfo", pdf);
        Assert.Contains("(A4)", info);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value);
        await Run("pdftoppm", "-r", "30", "-png", pdf, Path.Combine(folder, "page"));
        var images = Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(pages, images.Count);
        for (var i = 0; i < images.Count - 1; i++)
        {
            var blank = BlankBelowContent(images[i]);
            Assert.True(blank <= 0.5, $"page {i + 1} of {pages} is {blank:P0} empty");
        }

        var html = await client.GetStringAsync($"/api/reports/{region}/{period}.html");
        foreach (Match table in TableTag().Matches(html))
            Assert.Contains("<td", table.Value);
        // A rank among one (宝鸡市 is 陕西省's only city here) says nothing.
        Assert.DoesNotContain(">1/1<", html);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(TestSources.Province)]
    [InlineData(TestSources.Baoji)]
    [InlineData(TestSources.Qishan)]
    [InlineData(TestSources.Caijiapo)]
    public async Task Every_number_of_the_summary_is_in_the_tables_and_no_technical_name_is_printed(string region)
    {
        var html = await factory.Admin().GetStringAsync($"/api/reports/{region}/2024-Q1.html");
        var summary = Section(html, "summary");
        var paragraphs = Paragraph().Matches(summary).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(paragraphs);
        // Cells of every table, also split where a cell holds two numbers (a rank 3/11, a value with its interval).
        var cells = Cell().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .SelectMany(c => c.Split(['/', '（', '）', '～', ' ', '，'], StringSplitOptions.RemoveEmptyEntries).Append(c))
            .ToHashSet(StringComparer.Ordinal);
        var numbers = paragraphs.Select(p => Dates().Replace(p, "").Replace("12345热线", "", StringComparison.Ordinal))
            .SelectMany(p => Number().Matches(p).Select(m => m.Value)).ToList();
        Assert.NotEmpty(numbers);
        foreach (var number in numbers)
            Assert.True(cells.Contains(number), $"{number} of the summary is in no table: {string.Join(" ", paragraphs)}");

        var folder = Directory.CreateTempSubdirectory("report-text-").FullName;
        var pdf = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(pdf, await factory.Admin().GetByteArrayAsync($"/api/reports/{region}/2024-Q1.pdf"));
        var text = await Run("pdftotext", pdf, "-");
        Assert.Contains("综述", text);
        var afterSummary = text[text.IndexOf("二、", StringComparison.Ordinal)..];
        foreach (var number in numbers.Where(n => n.Length > 1))
            Assert.Contains(number.Replace("个百分点", ""), afterSummary.Replace("\n", "").Replace(" ", ""));
        Assert.DoesNotMatch(TechnicalName(), text);
        Assert.Contains("数据截至", text);
        Assert.Contains("数据来源", text);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_volume_without_direction_is_not_coloured_and_a_change_shows_both_comparisons()
    {
        var html = await factory.Admin().GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-03.html");
        var row = TicketsRow().Match(html);
        Assert.True(row.Success, "no tickets row");
        Assert.DoesNotContain("class=\"up\"", row.Value);
        Assert.DoesNotContain("class=\"down\"", row.Value);
        // The test sources hold 2024 only: 同比 has no year before and its column is left out, 环比 is shown.
        Assert.Contains("<th>环比</th>", html);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_report_build_it_once()
    {
        var folder = Directory.CreateTempSubdirectory("report-once-").FullName;
        await using var host = factory.With(("Reports:Archive", folder));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync($"/api/reports/{TestSources.Qishan}/2024-02.html")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        var archive = (ReportArchive)host.Services.GetService(typeof(ReportArchive))!;
        Assert.Equal(1, archive.Builds);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, TestSources.Qishan), ".*"));
    }

    /// <summary>The share of the page's text area below its last inked row (the footer's page number is left out).</summary>
    private static double BlankBelowContent(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var bottom = (int)(bitmap.Height * 0.93);
        var top = (int)(bitmap.Height * 0.04);
        for (var y = bottom - 1; y > top; y--)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red + p.Green + p.Blue < 600)
                    return (bottom - y) / (double)(bottom - top);
            }
        }
        return 1;
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex("<table[^>]*>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TableTag();

    [GeneratedRegex("<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Cell();

    /// <summary>Periods and dates in words (2024年第一季度, 2024年3月, 2020年12月) are not figures.</summary>
    [GeneratedRegex(@"\d{4}年(第[一二三四]季度|\d{1,2}月(\d{1,2}日)?)?")]
    private static partial Regex Dates();

    [GeneratedRegex(@"[+-]?\d[\d,]*(\.\d+)?(%|个百分点|分)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"[a-z]+_[a-z_]+|\.duckdb|measure_values|generation", RegexOptions.IgnoreCase)]
    private static partial Regex TechnicalName();

    [GeneratedRegex("<tr><td>12345工单数</td>.*?</tr>")]
    private static partial Regex TicketsRow();
}
