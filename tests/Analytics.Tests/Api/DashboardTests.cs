using System.Net;
using System.Text.Json;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class DashboardTests(ApiFactory factory)
{
    private Task<JsonElement> Get(string url) => factory.Admin().GetJson(url);

    private static double SatisfactionRate(IEnumerable<TestSources.Ticket> tickets)
    {
        var rated = tickets.Where(t => t.Satisfaction != "未回访").ToList();
        return (double)rated.Count(t => t.Satisfaction is "满意" or "基本满意") / rated.Count;
    }

    [Fact]
    public async Task Comparison_ranks_townships_with_parent_and_change()
    {
        var root = await Get("/api/dashboards/comparison?measure=hotline_satisfaction_rate&period=2024-03&level=township");
        var rows = root.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(TestSources.Townships.Count, rows.Count);
        var values = rows.Select(r => r.GetProperty("value").GetDouble()).ToList();
        Assert.Equal(values.OrderDescending(), values);
        foreach (var row in rows)
        {
            var code = row.GetProperty("regionCode").GetString()!;
            var march = factory.Sources.Tickets.Where(t => t.Township == code && t.Received.Month == 3);
            var february = factory.Sources.Tickets.Where(t => t.Township == code && t.Received.Month == 2);
            Assert.Equal(SatisfactionRate(march), row.GetProperty("value").GetDouble(), 9);
            Assert.Equal(SatisfactionRate(march) - SatisfactionRate(february), row.GetProperty("change").GetDouble(), 9);
            var parent = row.GetProperty("parentCode").GetString()!;
            var siblings = TestSources.Regions.Where(r => r.Parent == parent).Select(r => r.Code).ToHashSet();
            var parentRate = SatisfactionRate(factory.Sources.Tickets.Where(t => siblings.Contains(t.Township) && t.Received.Month == 3));
            Assert.Equal(parentRate, row.GetProperty("parentValue").GetDouble(), 9);
            Assert.InRange(row.GetProperty("siblingRank").GetInt64(), 1, row.GetProperty("siblingCount").GetInt64());
        }
    }

    [Fact]
    public async Task Comparison_within_a_region_keeps_only_its_townships()
    {
        var root = await Get($"/api/dashboards/comparison?measure=hotline_tickets&period=2024-03&level=township&within={TestSources.Baoji}");
        var codes = root.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("regionCode").GetString()!).Order().ToList();
        Assert.Equal(TestSources.TownshipsUnder(TestSources.Baoji).Order(), codes);
        Assert.DoesNotContain(TestSources.Xiyilu, codes);
    }

    [Fact]
    public async Task Trend_gives_every_month_with_the_parent_for_reference()
    {
        var root = await Get($"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Qishan}&from=2024-01&to=2024-03");
        Assert.Equal(TestSources.Baoji, root.GetProperty("parentCode").GetString());
        Assert.Equal("宝鸡市", root.GetProperty("parentName").GetString());
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2024-01", "2024-02", "2024-03"], points.Select(p => p.GetProperty("period").GetString()!));
        var qishan = TestSources.TownshipsUnder(TestSources.Qishan);
        var baoji = TestSources.TownshipsUnder(TestSources.Baoji);
        for (var month = 1; month <= 3; month++)
        {
            Assert.Equal(factory.Sources.Tickets.Count(t => qishan.Contains(t.Township) && t.Received.Month == month),
                points[month - 1].GetProperty("value").GetDouble());
            Assert.Equal(factory.Sources.Tickets.Count(t => baoji.Contains(t.Township) && t.Received.Month == month),
                points[month - 1].GetProperty("parentValue").GetDouble());
        }
    }

    [Fact]
    public async Task Trend_without_a_range_runs_from_the_first_to_the_last_month_with_data()
    {
        var root = await Get($"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Qishan}");

        var periods = root.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()!).ToList();
        var baoji = TestSources.TownshipsUnder(TestSources.Baoji);
        var months = factory.Sources.Tickets.Where(t => baoji.Contains(t.Township)).Select(t => t.Received.ToString("yyyy-MM")).ToList();
        Assert.Equal(months.Min(), periods[0]);
        Assert.Equal(months.Max(), periods[^1]);
    }

    [Fact]
    public async Task Overview_has_the_key_figures_of_a_region()
    {
        var root = await Get($"/api/dashboards/overview?region={TestSources.Province}&period=2024");
        var figures = root.GetProperty("figures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("measure").GetProperty("id").GetString()!);
        Assert.Equal(factory.Sources.Tickets.Count, figures["hotline_tickets"].GetProperty("value").GetDouble());
        Assert.Equal(12, figures["enforcement_cases"].GetProperty("value").GetDouble());
        Assert.Equal(4, figures["grid_count"].GetProperty("value").GetDouble());
        Assert.Equal("province", root.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("/api/dashboards/comparison?measure=nope&period=2024&level=city", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/comparison?measure=hotline_tickets&period=2024&level=galaxy", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/trend?measure=hotline_tickets&region=999999999999", HttpStatusCode.NotFound)]
    public async Task Bad_dashboard_requests_are_problems(string url, HttpStatusCode status)
    {
        var response = await factory.Admin().GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenAPI_describes_the_dashboards()
    {
        var root = JsonDocument.Parse(await factory.ClientWith(null).GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = root.GetProperty("paths");
        foreach (var path in new[] { "/api/dashboards/comparison", "/api/dashboards/trend", "/api/dashboards/overview" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from OpenAPI");
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/odata", StringComparison.Ordinal));
    }
}
