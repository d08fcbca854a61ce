using System.Net;
using System.Text.Json;
using Analytics.Tests.Etl;
using Analytics.Tests.Notebooks;

namespace Analytics.Tests.Api;

/// <summary>
/// An office comparing its 1,500 townships names them all in one $filter: about 25 KB of URL. Kestrel (a real server,
/// not the in-memory test server, which has no such limit) refused any request line over 8 KB with an empty 414.
/// </summary>
[Collection(SampleWarehouseCollection.Name)]
public sealed class LongUrlTests(SampleWarehouse samples, NotebookFeed feed) : IClassFixture<NotebookFeed>
{
    [Fact]
    public async Task A_filter_naming_1500_townships_is_answered_by_the_real_server()
    {
        var codes = samples.Query("SELECT code FROM dim_region WHERE level_en = 'township' ORDER BY code LIMIT 1500")
            .Select(r => (string)r[0]!).ToList();
        Assert.Equal(1500, codes.Count);
        var list = string.Join(",", codes.Select(c => $"'{c}'"));
        var expected = Convert.ToInt64(samples.Scalar($"""
            SELECT count(*) FROM measure_values
            WHERE measure_id = 'hotline_tickets' AND period = '2023' AND region_code IN ({list})
            """), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expected > 0, "the sample townships should have tickets in 2023");

        var url = feed.Start(samples.Warehouse) + "/MeasureValues?$apply=filter(MeasureId eq 'hotline_tickets' and Period eq '2023'"
            + $" and RegionCode in ({list}))/aggregate($count as N)&api_key={NotebookFeed.DemoKey}";
        using var client = new HttpClient();
        var response = await client.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.RequestMessage!.RequestUri!.AbsoluteUri.Length > 20_000);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(expected, JsonDocument.Parse(body).RootElement.GetProperty("value")[0].GetProperty("N").GetInt64());
    }
}
