extern alias api;

using System.Text.Json;
using api::Analytics.Api.Access;
using static Analytics.Tests.Api.ApiJson;

namespace Analytics.Tests.Api;

/// <summary>
/// A city key must not learn its province's or sibling cities' figures through the comparison fields: with its own
/// value, the parent's value gives the siblings' total away. Unless the key was made with --compare-outside.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ScopeComparisonTests(ApiFactory factory)
{
    private const string Tickets = "hotline_tickets";

    private string CityRow(string region) =>
        $"/odata/MeasureValues?$filter=RegionCode eq '{region}' and MeasureId eq '{Tickets}' and Period eq '2024'";

    [Fact]
    public async Task A_city_key_sees_no_comparison_computed_outside_its_city()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Analyst, TestSources.Baoji));
        var baojiTickets = factory.Sources.Tickets.Count(t => TestSources.TownshipsUnder(TestSources.Baoji).Contains(t.Township));

        var row = Assert.Single((await Json(await client.GetAsync(CityRow(TestSources.Baoji)))).GetProperty("value").EnumerateArray());
        Assert.Equal(baojiTickets, row.GetProperty("Value").GetDouble());
        foreach (var field in new[] { "ParentValue", "DifferenceFromParent", "SiblingRank", "SiblingCount" })
            Assert.Equal(JsonValueKind.Null, row.GetProperty(field).ValueKind);

        // Below the city, comparisons stay: 岐山县's parent is 宝鸡市 itself.
        var qishan = Assert.Single((await Json(await client.GetAsync(CityRow(TestSources.Qishan)))).GetProperty("value").EnumerateArray());
        Assert.Equal(baojiTickets, qishan.GetProperty("ParentValue").GetDouble());
        Assert.Equal(2, qishan.GetProperty("SiblingCount").GetInt64());

        // Not through filtering or aggregating either: the masked values are what SQL sees.
        var filtered = await Json(await client.GetAsync(CityRow(TestSources.Baoji) + " and ParentValue gt 0&$count=true"));
        Assert.Equal(0, filtered.GetProperty("@odata.count").GetInt64());
        var aggregated = await Json(await client.GetAsync(
            $"/odata/MeasureValues?$apply=filter(RegionCode eq '{TestSources.Baoji}')/aggregate(ParentValue with max as P,SiblingCount with max as S)"));
        var totals = Assert.Single(aggregated.GetProperty("value").EnumerateArray());
        Assert.True(!totals.TryGetProperty("P", out var p) || p.ValueKind == JsonValueKind.Null, totals.ToString());
        Assert.True(!totals.TryGetProperty("S", out var s) || s.ValueKind == JsonValueKind.Null, totals.ToString());

        var comparison = await client.GetJson($"/api/dashboards/comparison?measure={Tickets}&period=2024&level=city");
        var compared = Assert.Single(comparison.GetProperty("regions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, compared.GetProperty("parentValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, compared.GetProperty("siblingRank").ValueKind);
        Assert.Equal(JsonValueKind.Null, compared.GetProperty("differenceFromParent").ValueKind);

        var overview = await client.GetJson($"/api/dashboards/overview?region={TestSources.Baoji}&period=2024");
        var figure = overview.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("measure").GetProperty("id").GetString() == Tickets);
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("parentValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("siblingCount").ValueKind);

        var trend = await client.GetJson($"/api/dashboards/trend?measure={Tickets}&region={TestSources.Baoji}&grain=month");
        Assert.NotEmpty(trend.GetProperty("points").EnumerateArray());
        Assert.All(trend.GetProperty("points").EnumerateArray(), point => Assert.Equal(JsonValueKind.Null, point.GetProperty("parentValue").ValueKind));
    }

    [Fact]
    public async Task A_key_made_to_compare_outside_sees_its_parent_and_siblings()
    {
        var allTickets = factory.Sources.Tickets.Count;
        var keyFile = Path.Combine(factory.Root, "data", "api-keys.json");
        var output = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = KeysCommand.Run(["add", "--role", "viewer", "--region", TestSources.Baoji, "--compare-outside",
                "--warehouse", factory.WarehousePath, "--key-file", keyFile]);
        }
        finally
        {
            Console.SetOut(stdout);
        }
        Assert.Equal(0, exit);
        var client = factory.ClientWith(output.ToString().Trim());

        var row = Assert.Single((await Json(await client.GetAsync(CityRow(TestSources.Baoji)))).GetProperty("value").EnumerateArray());
        Assert.Equal(allTickets, row.GetProperty("ParentValue").GetDouble());
        Assert.Equal(2, row.GetProperty("SiblingCount").GetInt64());
        var comparison = await client.GetJson($"/api/dashboards/comparison?measure={Tickets}&period=2024&level=city");
        Assert.Equal(allTickets, Assert.Single(comparison.GetProperty("regions").EnumerateArray()).GetProperty("parentValue").GetDouble());
    }
}
