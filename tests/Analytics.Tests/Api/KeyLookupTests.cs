extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Access;
using static Analytics.Tests.Api.ApiJson;

namespace Analytics.Tests.Api;

/// <summary>Every entity set answers get-by-key for the key its $metadata declares (composite keys included).</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyLookupTests(ApiFactory factory)
{
    [Theory]
    [InlineData("MeasureValues", "RegionCode,Period,MeasureId")]
    [InlineData("HotlineTickets", "TicketId")]
    [InlineData("EnforcementCases", "CaseId")]
    [InlineData("DevolvedPowers", "TownshipCode,ItemCode")]
    [InlineData("GridSnapshots", "GridCode,SnapshotDate")]
    [InlineData("GridEvents", "EventId")]
    public async Task Each_row_is_found_by_its_declared_key(string set, string keys)
    {
        var client = factory.Admin();
        var names = keys.Split(',');
        var rows = (await client.GetJson($"/odata/{set}?$top=5&$skip=3")).GetProperty("value").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var key = names.Length == 1 ? Literal(row.GetProperty(names[0]))
                : string.Join(',', names.Select(n => $"{n}={Literal(row.GetProperty(n))}"));
            var found = await client.GetJson($"/odata/{set}({key})");
            foreach (var name in names)
                Assert.Equal(row.GetProperty(name).ToString(), found.GetProperty(name).ToString());
        }
    }

    [Fact]
    public async Task A_row_outside_the_keys_region_is_not_found_with_an_error_body()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Viewer, TestSources.Baoji));
        var inside = await client.GetAsync($"/odata/MeasureValues(RegionCode='{TestSources.Qishan}',Period='2024',MeasureId='hotline_tickets')");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var outside = await client.GetAsync($"/odata/MeasureValues(RegionCode='{TestSources.Xian}',Period='2024',MeasureId='hotline_tickets')");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var error = JsonDocument.Parse(await outside.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
    }

    private static string Literal(JsonElement value) => value.ValueKind == JsonValueKind.String && !IsDate(value.GetString()!)
        ? $"'{Uri.EscapeDataString(value.GetString()!.Replace("'", "''", StringComparison.Ordinal))}'"
        : value.ToString();

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", out _);
}
