extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using api::Analytics.Api.Forecasts;
using api::Analytics.Api.Reports;
using Analytics.Tests.Api;

namespace Analytics.Tests.Reports;

/// <summary>The report's outlook is the forecast <c>/api/forecasts</c> serves, from the report period's last month.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReportOutlookTests(ApiFactory factory)
{
    [Fact]
    public async Task The_outlook_shows_the_APIs_forecasts_for_the_key_measures()
    {
        var html = await factory.Admin().GetStringAsync($"/api/reports/{TestSources.Baoji}/2024-03.html");
        var section = html[html.IndexOf("<section id=\"outlook\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.DoesNotContain("尚未上线", section);

        var forecasts = new List<ForecastResult>();
        foreach (var measure in ReportOutlook.Measures)
        {
            var response = await factory.Admin().GetAsync($"/api/forecasts?measure={measure}&region={TestSources.Baoji}&origin=2024-03");
            if (response.StatusCode == HttpStatusCode.NotFound)
                continue;
            forecasts.Add((await response.Content.ReadFromJsonAsync<ForecastResult>(JsonSerializerOptions.Web))!);
        }
        // 宝鸡市 has all three hotline rates and the tickets in the test warehouse.
        Assert.True(forecasts.Count >= 4, $"{forecasts.Count} forecasts");
        forecasts = forecasts.Take(ReportOutlook.MaxCharts).ToList();
        Assert.Equal(forecasts.Count, System.Text.RegularExpressions.Regex.Matches(section, "<img [^>]*src=\"data:image/png;base64,").Count);
        foreach (var f in forecasts)
            Assert.Contains($"alt=\"{WebUtility.HtmlEncode(Analytics.Warehouse.Measures.MeasureCatalog.Find(f.MeasureId)!.NameZh)}预测\"", section);

        // Every row of the table: measure, month, point, 80% and 95% intervals, actual, method and MASE as the API has them.
        var rows = ReportOutlook.Rows(forecasts);
        Assert.Equal(forecasts.Count * ReportOutlook.TableMonths, rows.Count);
        // A column empty in every row (实际值 before the months happened) is left out of the printed table.
        var kept = Enumerable.Range(0, rows[0].Count).Where(i => i < 2 || rows.Any(r => r[i] != "—")).ToList();
        foreach (var row in rows)
            Assert.Contains("<tr>" + string.Concat(kept.Select(i => $"<td{(i == 1 ? " class=\"name\"" : i == ReportOutlook.MethodColumn ? " class=\"wrap\"" : "")}>{WebUtility.HtmlEncode(row[i])}</td>")) + "</tr>", section);
        Assert.Contains("2024年4月", section);
        Assert.Contains(Analytics.Forecasting.MethodNames.Zh(forecasts[0].Method), section);
    }
}
