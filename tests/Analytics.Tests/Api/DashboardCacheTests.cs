extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Access;
using api::Analytics.Api.Dashboards;
using Analytics.Etl.Load;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>
/// Dashboard answers kept per generation: a repeated question runs no SQL, a conditional request is answered 304,
/// the scope is part of the question, and a load that publishes makes the next answer fresh.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardCacheTests(ApiFactory factory)
{
    private long Computed => factory.Services.GetRequiredService<DashboardAnswers>().Cache.Computed;

    [Fact]
    public async Task A_second_identical_comparison_runs_no_sql_and_answers_the_same()
    {
        var client = factory.Admin();
        const string url = "/api/dashboards/comparison?measure=hotline_resolution_rate&period=2024-02&level=county";
        var computed = Computed;
        factory.SqlLog.Clear();
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains(factory.SqlLog.Recent, s => s.Contains("hotline_resolution_rate", StringComparison.Ordinal));
        Assert.Equal(computed + 1, Computed);

        factory.SqlLog.Clear();
        // The same question with its parameters in another order and the key as a parameter is the same question.
        var second = await factory.ClientWith(null).GetAsync(
            "/api/dashboards/comparison?level=county&period=2024-02&measure=hotline_resolution_rate&api_key=" + ApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(factory.SqlLog.Recent);
        Assert.Equal(computed + 1, Computed);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await second.Content.ReadAsStringAsync());
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        // Still the dashboards' JSON: camelCase, every county of the test province, best first.
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(TestSources.Regions.Count(r => r.Level == "县"), rows.Count);
    }

    [Fact]
    public async Task A_repeated_trend_with_its_etag_is_answered_304_before_any_sql()
    {
        var client = factory.Admin();
        var url = $"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Fufeng}";
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);

        factory.SqlLog.Clear();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Empty(factory.SqlLog.Recent);

        using var other = new HttpRequestMessage(HttpMethod.Get, url + "&grain=quarter");
        other.Headers.IfNoneMatch.Add(etag);
        var answered = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotEqual(etag, answered.Headers.ETag);
    }

    [Fact]
    public async Task A_city_key_never_gets_the_answer_kept_for_a_province_key()
    {
        const string url = "/api/dashboards/comparison?measure=hotline_tickets&period=2024-03&level=township";
        var nationwide = await Codes(factory.Admin(), url);
        var baojiKey = factory.NewKey(Roles.Viewer, TestSources.Baoji);
        var baoji = await Codes(factory.ClientWith(baojiKey), url);
        var nationwideAgain = await Codes(factory.Admin(), url);

        Assert.Equal(TestSources.Townships.Order(), nationwide.Order());
        Assert.Equal(TestSources.TownshipsUnder(TestSources.Baoji).Order(), baoji.Order());
        Assert.Equal(nationwide, nationwideAgain);

        // A region outside the key is a problem for it even after a province key's answer was kept, and never kept.
        var trend = $"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Xian}";
        await Codes(factory.Admin(), trend, "points");
        var outside = await factory.ClientWith(baojiKey).GetAsync(trend);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Null(outside.Headers.ETag);
    }

    [Fact]
    public async Task A_load_that_publishes_makes_the_next_answer_fresh()
    {
        var (source, sources, warehouse) = factory.LoadOwn("dashboard-reload");
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var url = $"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Province}&grain=month";

        var before = await client.GetAsync(url);
        Assert.Equal(["2024-01", "2024-02", "2024-03"], Periods(await ApiJson.Json(before)));
        var etag = before.Headers.ETag!;

        sources.WriteTickets(source, 2024, 4, new Random(9));
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var after = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        var points = (await ApiJson.Json(after)).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], points.Select(p => p.GetProperty("period").GetString()!));
        var april = sources.Tickets.Count(t => t.Received is { Year: 2024, Month: 4 });
        Assert.Equal(april, points[3].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_new_question_does_not_read_the_load_setting_again_and_a_new_load_brings_its_own()
    {
        var (source, sources, warehouse) = factory.LoadOwn("dashboard-setting");
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var log = host.Services.GetRequiredService<api::Analytics.Api.Data.SqlLog>();
        // Cities: enough tickets a month to reach the default minimum, so the reliable flags say which minimum applied.
        const string url = "/api/dashboards/comparison?measure=hotline_response_rate&level=city&period=";
        static bool ReadsSetting(string sql) => sql.Contains("min_denominator", StringComparison.Ordinal);

        // Whichever request reads the generation first (the workbench's warm-up, or this one) reads the setting.
        var first = await client.GetJson(url + "2024-01");
        log.Clear();
        var second = await client.GetJson(url + "2024-02");
        Assert.NotEmpty(log.Recent);
        Assert.DoesNotContain(log.Recent, ReadsSetting);
        Assert.Contains(Reliable(first).Concat(Reliable(second)), r => r);

        // A load with a minimum no city reaches: the next generation's answers rank none of them.
        sources.WriteTickets(source, 2024, 4, new Random(5));
        Assert.True(new Loader(new LoadOptions(source, warehouse) { MinDenominator = 1_000_000 }).Run().Published);
        var after = await client.GetJson(url + "2024-02");
        Assert.NotEmpty(Reliable(after));
        Assert.All(Reliable(after), Assert.False);
    }

    private static List<bool> Reliable(JsonElement comparison) =>
        comparison.GetProperty("regions").EnumerateArray()
            .Where(r => r.GetProperty("denominator").ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("reliable").GetBoolean()).ToList();

    private static List<string> Periods(JsonElement trend) =>
        trend.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("period").GetString()!).ToList();

    private static async Task<List<string>> Codes(HttpClient client, string url, string list = "regions") =>
        (await client.GetJson(url)).GetProperty(list).EnumerateArray()
            .Select(r => r.TryGetProperty("regionCode", out var code) ? code.GetString()! : r.GetProperty("period").GetString()!)
            .ToList();
}
