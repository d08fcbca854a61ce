using System.Net;
using System.Text.Json;
using Analytics.Tests.Api;

namespace Analytics.Tests.Workbench;

/// <summary>The workbench's endpoints answer what the dashboards answer, within the key's region.</summary>
[Collection(ApiCollection.Name)]
public sealed class WorkbenchEndpointTests(ApiFactory factory)
{
    [Fact]
    public async Task A_ranking_across_a_city_carries_the_dashboards_numbers_and_the_year_ago()
    {
        var client = factory.Admin();
        var ranking = await client.GetJson($"/api/workbench/ranking?measure=hotline_satisfaction_rate&period=2024-03&level=township&scope={TestSources.Baoji}");
        var dashboard = await client.GetJson($"/api/dashboards/comparison?measure=hotline_satisfaction_rate&period=2024-03&level=township&within={TestSources.Baoji}");
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        var expected = dashboard.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(TestSources.TownshipsUnder(TestSources.Baoji).Order(), rows.Select(r => r.GetProperty("regionCode").GetString()!).Order());
        Assert.Equal(expected.Select(r => r.GetProperty("regionCode").GetString()), rows.Select(r => r.GetProperty("regionCode").GetString()));
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var (mine, theirs) in new[] { ("value", "value"), ("parentValue", "parentValue"), ("change", "change"), ("previousValue", "previousValue") })
                Assert.Equal(expected[i].GetProperty(theirs).GetDouble(), rows[i].GetProperty(mine).GetDouble(), 12);
            Assert.Equal(expected[i].GetProperty("denominator").GetInt64(), rows[i].GetProperty("denominator").GetInt64());
            var value = rows[i].GetProperty("value").GetDouble();
            Assert.Equal(1 + rows.Count(r => r.GetProperty("value").GetDouble() > value), rows[i].GetProperty("rank").GetInt64());
            // The test sources hold one year: nothing a year earlier, so no 同比.
            Assert.Equal(JsonValueKind.Null, rows[i].GetProperty("yoy").ValueKind);
        }
        Assert.Equal("2023-03", ranking.GetProperty("yearAgoPeriod").GetString());
        Assert.Equal("2024-02", ranking.GetProperty("previousPeriod").GetString());
        Assert.Equal(["陕西省", "宝鸡市"], ranking.GetProperty("path").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_city_key_cannot_rank_another_city_nor_see_its_published_figures()
    {
        var client = factory.ClientWith(factory.NewKey("viewer", TestSources.Baoji));
        var outside = await client.GetAsync($"/api/workbench/ranking?measure=hotline_tickets&period=2024-03&level=township&scope={TestSources.Xian}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Contains("不在本密钥可查看的范围内", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var everything = await client.GetJson("/api/workbench/ranking?measure=hotline_tickets&period=2024-03&level=township");
        Assert.Equal(TestSources.TownshipsUnder(TestSources.Baoji).Order(),
            everything.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("regionCode").GetString()!).Order());
        var me = await client.GetJson("/api/workbench/me");
        Assert.Equal(TestSources.Baoji, me.GetProperty("region").GetProperty("code").GetString());
        var scopes = await client.GetJson("/api/workbench/scopes");
        Assert.All(scopes.EnumerateArray(), s => Assert.StartsWith("6103", s.GetProperty("code").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/workbench/regions/{TestSources.Xiyilu}?period=2024")).StatusCode);

        var health = await client.GetJson("/api/workbench/health");
        Assert.All(health.GetProperty("reconciliation").EnumerateArray(),
            r => Assert.All(r.GetProperty("regionCode").GetString()!.Split('+'), c => Assert.StartsWith("6103", c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_page_is_served_without_a_key_under_a_strict_content_security_policy_and_data_is_not()
    {
        var anonymous = factory.CreateClient();
        var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/workbench/app.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/workbench/style.css")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/workbench/secret.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workbench/catalog")).StatusCode);
    }

    [Fact]
    public async Task A_page_opens_with_one_request_holding_the_key_the_catalog_and_the_keys_scopes()
    {
        foreach (var client in new[] { factory.Admin(), factory.ClientWith(factory.NewKey("viewer", TestSources.Baoji)) })
        {
            var start = await client.GetJson("/api/workbench/start");
            Assert.Equal((await client.GetJson("/api/workbench/me")).GetRawText(), start.GetProperty("me").GetRawText());
            Assert.Equal((await client.GetJson("/api/workbench/catalog")).GetRawText(), start.GetProperty("catalog").GetRawText());
            Assert.Equal((await client.GetJson("/api/workbench/scopes")).GetRawText(), start.GetProperty("scopes").GetRawText());
        }
        // The scopes kept for one key's region are not another's: the city key's stay inside its city.
        var city = await factory.ClientWith(factory.NewKey("viewer", TestSources.Baoji)).GetJson("/api/workbench/start");
        var everywhere = await factory.Admin().GetJson("/api/workbench/start");
        Assert.All(city.GetProperty("scopes").EnumerateArray(), s => Assert.StartsWith("6103", s.GetProperty("code").GetString(), StringComparison.Ordinal));
        Assert.Contains(everywhere.GetProperty("scopes").EnumerateArray(), s => s.GetProperty("code").GetString() == TestSources.Xian);
    }

    [Fact]
    public async Task An_unchanged_script_is_revalidated_without_its_body_and_every_answer_carries_its_server_time()
    {
        var anonymous = factory.CreateClient();
        var first = await anonymous.GetAsync("/workbench/app.js");
        var tag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/workbench/app.js");
        again.Headers.IfNoneMatch.Add(tag);
        var revalidated = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(tag, (await anonymous.GetAsync("/workbench/style.css")).Headers.ETag);

        var answer = await factory.Admin().GetAsync("/api/workbench/catalog");
        Assert.Matches("^app;dur=[0-9.]+;desc=\"handler wall\", cpu;dur=[0-9.]+;desc=\"process CPU\"$",
            answer.Headers.GetValues("Server-Timing").Single());
    }

    [Fact]
    public async Task Bad_questions_get_a_Chinese_reason_not_an_error()
    {
        var client = factory.Admin();
        foreach (var url in new[]
        {
            "/api/workbench/ranking?measure=nope&period=2024&level=township",
            "/api/workbench/ranking?measure=staffing_approved&period=2024-03&level=township",
            "/api/workbench/ranking?measure=hotline_tickets&period=2024-13&level=township",
            $"/api/workbench/ranking?measure=hotline_tickets&period=2024&level=city&scope={TestSources.Baoji}",
            "/api/workbench/ranking?measure=hotline_tickets&period=2024&level=township&sort=nope",
            "/api/workbench/ranking.pdf?measure=hotline_tickets&period=2024&level=township",
        })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail);
        }
    }
}
