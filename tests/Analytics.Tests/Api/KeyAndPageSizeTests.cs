extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Access;
using static Analytics.Tests.Api.ApiJson;

namespace Analytics.Tests.Api;

/// <summary>Get-by-key URLs (what Excel and client libraries follow from a row) and the client's preferred page size.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyAndPageSizeTests(ApiFactory factory)
{
    [Fact]
    public async Task Region_by_key_is_one_entity_read_with_its_key_in_the_sql()
    {
        factory.SqlLog.Clear();
        var root = await Json(await factory.Admin().GetAsync($"/odata/Regions('{TestSources.Baoji}')"));
        Assert.Equal(TestSources.Baoji, root.GetProperty("Code").GetString());
        Assert.Equal("宝鸡市", root.GetProperty("Name").GetString());
        Assert.Equal(TestSources.Province, root.GetProperty("ParentCode").GetString());
        Assert.Contains("$metadata#Regions/$entity", root.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.False(root.TryGetProperty("value", out _));
        var sql = Assert.Single(factory.SqlLog.Recent, s => s.Contains("dim_region", StringComparison.Ordinal));
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_by_key_with_select()
    {
        var root = await Json(await factory.Admin().GetAsync("/odata/Measures('hotline_tickets')?$select=Id,Unit"));
        Assert.Equal("hotline_tickets", root.GetProperty("Id").GetString());
        Assert.Equal("count", root.GetProperty("Unit").GetString());
        Assert.False(root.TryGetProperty("NameEn", out _));
    }

    [Theory]
    [InlineData("/odata/Regions('999999999999')")]
    [InlineData("/odata/Measures('no_such_measure')")]
    public async Task Unknown_key_is_404_with_an_OData_error(string url)
    {
        var response = await factory.Admin().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Scoped_key_sees_by_key_only_its_subtree()
    {
        var key = factory.NewKey(Roles.Viewer, TestSources.Baoji);
        var client = factory.ClientWith(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/Regions('{TestSources.Caijiapo}')")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/odata/Regions('{TestSources.Xian}')")).StatusCode);
    }

    [Fact]
    public async Task Prefer_max_page_size_shortens_pages_and_is_acknowledged()
    {
        var client = factory.Admin();
        client.DefaultRequestHeaders.Add("Prefer", "odata.maxpagesize=5");
        var seen = new List<string>();
        string? url = "/odata/HotlineTickets?$select=TicketId&$filter=TownshipCode eq '" + TestSources.Caijiapo + "'";
        var pages = 0;
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            Assert.Contains("odata.maxpagesize=5", response.Headers.GetValues("Preference-Applied"));
            var root = await Json(response);
            var page = root.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("TicketId").GetString()!).ToList();
            Assert.True(page.Count <= 5, $"page of {page.Count}");
            seen.AddRange(page);
            url = root.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            pages++;
        }
        var expected = factory.Sources.Tickets.Where(t => t.Township == TestSources.Caijiapo).Select(t => t.Id).ToList();
        Assert.True(pages > expected.Count / 5);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Preferred_page_size_above_the_server_maximum_is_capped()
    {
        var client = factory.Admin();
        client.DefaultRequestHeaders.Add("Prefer", "odata.maxpagesize=100000");
        var response = await client.GetAsync("/odata/HotlineTickets?$select=TicketId");
        Assert.Contains($"odata.maxpagesize={ApiFactory.PageSize}", response.Headers.GetValues("Preference-Applied"));
        var root = await Json(response);
        Assert.Equal(ApiFactory.PageSize, root.GetProperty("value").GetArrayLength());
        Assert.True(root.TryGetProperty("@odata.nextLink", out _));
    }
}
