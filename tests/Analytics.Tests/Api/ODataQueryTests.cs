using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ODataQueryTests(ApiFactory factory)
{
    private static readonly TimeSpan ResponseLimit = TimeSpan.FromHours(24);

    private async Task<JsonElement> Get(string url, HttpClient? client = null)
    {
        var response = await (client ?? factory.Admin()).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.True(root.ValueKind == JsonValueKind.Object, $"{url}: not an OData payload: {body}");
        return root;
    }

    [Fact]
    public async Task Service_document_lists_the_entity_sets()
    {
        var root = await Get("/odata");
        var names = root.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();
        foreach (var set in new[] { "Regions", "Measures", "MeasureValues", "HotlineTickets", "EnforcementCases",
                     "InstitutionReforms", "DevolvedPowers", "GridSnapshots", "GridEvents", "Staffing" })
            Assert.Contains(set, names);
    }

    [Fact]
    public async Task Response_rate_matches_the_source_rows_and_carries_numerator_and_denominator()
    {
        var tickets = factory.Sources.Tickets
            .Where(t => TestSources.TownshipsUnder(TestSources.Baoji).Contains(t.Township) && t.Received.Month <= 3)
            .ToList();
        var responded = tickets.Count(t => t.FirstContact is { } c && c - t.Dispatched <= ResponseLimit);

        var root = await Get("/odata/MeasureValues?$filter=RegionCode eq '610300000000' and MeasureId eq 'hotline_response_rate' and Period eq '2024-Q1'");
        var row = Assert.Single(root.GetProperty("value").EnumerateArray());
        Assert.Equal(responded, row.GetProperty("Numerator").GetInt64());
        Assert.Equal(tickets.Count, row.GetProperty("Denominator").GetInt64());
        Assert.Equal((double)responded / tickets.Count, row.GetProperty("Value").GetDouble(), 9);
        Assert.Equal("city", row.GetProperty("RegionLevel").GetString());
    }

    [Fact]
    public async Task Filter_select_order_by_and_top_run_in_DuckDB()
    {
        factory.SqlLog.Clear();
        var root = await Get("/odata/HotlineTickets?$filter=TownshipCode eq '610323101000' and Whistle eq true&$select=TicketId,Whistle&$orderby=TicketId desc&$top=3");
        var expected = factory.Sources.Tickets.Where(t => t.Township == TestSources.Caijiapo && t.Whistle)
            .Select(t => t.Id).OrderDescending(StringComparer.Ordinal).Take(3).ToList();
        var ids = root.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("TicketId").GetString()!).ToList();
        Assert.Equal(expected, ids);
        Assert.False(root.GetProperty("value")[0].TryGetProperty("ReceivedAt", out _));
        var sql = Assert.Single(factory.SqlLog.Recent, s => s.Contains("fact_hotline_ticket", StringComparison.Ordinal));
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("received_at", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_group_by_aggregates_in_DuckDB()
    {
        factory.SqlLog.Clear();
        var root = await Get("/odata/HotlineTickets?$apply=filter(Whistle eq true)/groupby((TownshipCode),aggregate($count as Tickets))&$orderby=TownshipCode");
        var expected = factory.Sources.Tickets.Where(t => t.Whistle).GroupBy(t => t.Township)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())).ToList();
        var actual = root.GetProperty("value").EnumerateArray()
            .Select(e => (e.GetProperty("TownshipCode").GetString()!, e.GetProperty("Tickets").GetInt64())).ToList();
        Assert.Equal(expected, actual);
        var sql = Assert.Single(factory.SqlLog.Recent, s => s.Contains("fact_hotline_ticket", StringComparison.Ordinal));
        Assert.Contains("GROUP BY", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("Count(*)", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Apply_aggregate_sum_matches_source_rows()
    {
        var root = await Get("/odata/EnforcementCases?$apply=groupby((Joint),aggregate(Personnel with sum as Personnel))&$orderby=Joint");
        var rows = root.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        // Each township has 3 cases with 2, 3, 4 personnel; the first is joint.
        Assert.Equal(4 * 2, rows.Single(r => r.GetProperty("Joint").GetBoolean()).GetProperty("Personnel").GetDecimal());
        Assert.Equal(4 * (3 + 4), rows.Single(r => !r.GetProperty("Joint").GetBoolean()).GetProperty("Personnel").GetDecimal());
    }

    [Fact]
    public async Task Count_with_filter_is_one_sql_count()
    {
        factory.SqlLog.Clear();
        var root = await Get("/odata/HotlineTickets?$filter=TownshipCode eq '610102001000'&$count=true&$top=1");
        var expected = factory.Sources.Tickets.Count(t => t.Township == TestSources.Xiyilu);
        Assert.Equal(expected, root.GetProperty("@odata.count").GetInt64());
        Assert.Contains(factory.SqlLog.Recent, s => s.Contains("Count(*)", StringComparison.OrdinalIgnoreCase) && s.Contains("WHERE", StringComparison.Ordinal));

        var response = await factory.Admin().GetStringAsync("/odata/HotlineTickets/$count?$filter=TownshipCode eq '610102001000'");
        Assert.Equal(expected, long.Parse(response, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Server_paging_follows_next_link_to_the_end()
    {
        var client = factory.Admin();
        var seen = new List<string>();
        string? url = "/odata/HotlineTickets?$select=TicketId";
        var pages = 0;
        while (url is not null)
        {
            var root = await Get(url, client);
            var page = root.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("TicketId").GetString()!).ToList();
            Assert.True(page.Count <= ApiFactory.PageSize);
            seen.AddRange(page);
            url = root.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            pages++;
        }
        Assert.True(pages > 1);
        Assert.Equal(factory.Sources.Tickets.Select(t => t.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/odata/HotlineTickets?$filter=NoSuchProperty eq 1")]
    [InlineData("/odata/HotlineTickets?$filter=TownshipCode eq")]
    [InlineData("/odata/HotlineTickets?$top=501")]
    [InlineData("/odata/HotlineTickets?$apply=groupby((NoSuch))")]
    [InlineData("/odata/MeasureValues?$orderby=Value sideways")]
    public async Task Invalid_queries_get_400_with_an_OData_error(string url)
    {
        var response = await factory.Admin().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
