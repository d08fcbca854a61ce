using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Tests.Api;

namespace Analytics.Tests.Reports;

/// <summary>
/// The report's 改革成效评估 on data-samples: the same estimate as /api/impact, in words a leader reads (no
/// estimator's name, no test statistic), with the event-study charts; a county's report says why there is none.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReportImpactTests(ApiFactory factory)
{
    [Fact]
    public async Task The_impact_section_shows_the_numbers_of_the_impact_api_in_plain_words()
    {
        var archive = Directory.CreateTempSubdirectory("report-impact-").FullName;
        await using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse), ("Reports:Archive", archive));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var section = Section(await client.GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-Q4.html"), "impact");

        var rows = Row().Matches(section)
            .Select(m => Cell().Matches(m.Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToList())
            .ToList();
        Assert.Equal(2, rows.Count);
        foreach (var (measure, name, row) in new[]
                 {
                     ("hotline_resolution_rate", "热线解决率", rows[0]), ("hotline_satisfaction_rate", "热线满意率", rows[1]),
                 })
        {
            var answer = await client.GetJson($"/api/impact?measure={measure}&region={TestSources.Baoji}");
            var estimate = answer.GetProperty("estimate");
            var overall = estimate.GetProperty("overall");
            string Points(string field) =>
                (overall.GetProperty(field).GetDouble() * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
            var pre = estimate.GetProperty("preTrend");
            var before = pre.ValueKind == JsonValueKind.Null ? "无法检验"
                : pre.GetProperty("rejected").GetBoolean() ? "已有明显差异" : "基本一致";
            Assert.Equal(
                [
                    name, Points("estimate") + "个百分点", $"{Points("low")}至{Points("high")}个百分点", before,
                    estimate.GetProperty("treatedUnits").GetInt32().ToString(CultureInfo.InvariantCulture),
                    estimate.GetProperty("comparisonUnits").GetInt32().ToString(CultureInfo.InvariantCulture),
                    $"改革后第0至{overall.GetProperty("lastEventTime").GetInt32()}个月",
                ], row);
            // The sentence says the same average and range.
            Assert.Contains($"平均变化{Points("estimate")}个百分点（95%的把握在{Points("low")}至{Points("high")}个百分点之间）", section);
        }
        // One event-study chart per outcome, and the months without comparisons said once for both outcomes.
        Assert.Equal(2, Regex.Matches(section, "<img ").Count);
        Assert.Contains("热线解决率、热线满意率：改革后第", section);
        Assert.DoesNotMatch(Technical(), WebUtility.HtmlDecode(Tags().Replace(section, "")));
        Directory.Delete(archive, recursive: true);
    }

    [Fact]
    public async Task A_county_report_says_why_it_has_no_impact_estimate_and_a_region_without_hotline_data_says_so()
    {
        var archive = Directory.CreateTempSubdirectory("report-impact-").FullName;
        await using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse), ("Reports:Archive", archive));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);

        var county = Section(await client.GetStringAsync($"/api/reports/{TestSources.Qishan}/2024-Q4.html"), "impact");
        Assert.Contains("本报告不作评估", county);
        Assert.DoesNotContain("<img", county);
        Assert.DoesNotContain("<table", county);

        var jiangxi = Section(await client.GetStringAsync("/api/reports/360000000000/2024-Q4.html"), "impact");
        Assert.Contains("没有12345热线逐月数据", jiangxi);
        Assert.DoesNotContain("<img", jiangxi);
        Directory.Delete(archive, recursive: true);
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr><td.*?</tr>")]
    private static partial Regex Row();

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>What a leader should not have to decode: estimator names, test statistics, English terms.</summary>
    [GeneratedRegex(@"ATT|Callaway|Sant|bootstrap|Wald|p\s*[=<]|预趋势检验|[a-z]+_[a-z_]+", RegexOptions.IgnoreCase)]
    private static partial Regex Technical();
}
