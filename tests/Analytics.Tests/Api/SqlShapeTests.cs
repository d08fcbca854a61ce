extern alias api;

using System.Net;
using api::Analytics.Api.Access;

namespace Analytics.Tests.Api;

/// <summary>
/// The SQL DuckDB gets must let it join on equality (no null-safe <c>a = b OR a IS NULL AND b IS NULL</c> on key
/// columns that are never null), and a key's region scope must be an uncorrelated IN over the subtree's codes, not a
/// correlated EXISTS per fact row (BENCHMARKS.md: the EXISTS made a city key's $apply slower than a nationwide one).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SqlShapeTests(ApiFactory factory)
{
    private async Task<string> SqlOf(HttpClient client, string url, string table)
    {
        factory.SqlLog.Clear();
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Assert.Single(factory.SqlLog.Recent, s => s.Contains(table, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Region_scope_is_an_equality_on_region_closure()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Analyst, TestSources.Baoji));
        var sql = await SqlOf(client, "/odata/HotlineTickets?$apply=groupby((TownshipCode),aggregate($count as N))", "fact_hotline_ticket");
        Assert.Contains("region_closure", sql, StringComparison.Ordinal);
        Assert.Matches(@"township_code IN\s*\(", sql);
        Assert.DoesNotContain("EXISTS", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("IS NULL", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_joins_periods_on_equality()
    {
        var sql = await SqlOf(factory.Admin(), $"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Baoji}", "dim_period");
        Assert.Contains("LEFT JOIN measure_values", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("IS NULL", sql, StringComparison.Ordinal);
    }
}
