extern alias api;

using System.Net;
using api::Analytics.Api.Access;
using static Analytics.Tests.Api.ApiJson;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiFactory factory)
{
    [Theory]
    [InlineData("/odata/Regions")]
    [InlineData("/odata/$metadata")]
    [InlineData("/odata")]
    [InlineData("/odata/HotlineTickets/$count")]
    [InlineData("/api/dashboards/overview?region=610000000000&period=2024")]
    public async Task No_key_gets_401_with_an_error_body(string url)
    {
        var response = await factory.ClientWith(null).GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_key_gets_401()
    {
        var response = await factory.ClientWith("ak_not-a-key").GetAsync("/odata/Regions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Key_is_accepted_in_the_api_key_query_parameter()
    {
        var key = factory.NewKey(Roles.Viewer, null);
        var root = await Json(await factory.ClientWith(null).GetAsync($"/odata/Regions?api_key={key}&$count=true"));
        Assert.Equal(TestSources.Regions.Count, root.GetProperty("@odata.count").GetInt64());
    }

    [Fact]
    public async Task Viewer_may_not_read_fact_sets()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Viewer, null));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/odata/HotlineTickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/odata/HotlineTickets/$count")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/MeasureValues?$top=1")).StatusCode);
    }

    [Fact]
    public async Task City_key_sees_only_its_subtree_in_every_set_count_and_apply()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Analyst, TestSources.Baoji));
        var underBaoji = TestSources.TownshipsUnder(TestSources.Baoji);

        var regions = await Json(await client.GetAsync("/odata/Regions?$select=Code"));
        var codes = regions.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("Code").GetString()!).ToList();
        Assert.Contains(TestSources.Baoji, codes);
        Assert.DoesNotContain(TestSources.Province, codes);
        Assert.DoesNotContain(TestSources.Xian, codes);
        Assert.DoesNotContain(TestSources.Xiyilu, codes);

        var expectedTickets = factory.Sources.Tickets.Count(t => underBaoji.Contains(t.Township));
        var count = await client.GetStringAsync("/odata/HotlineTickets/$count");
        Assert.Equal(expectedTickets.ToString(System.Globalization.CultureInfo.InvariantCulture), count);

        // Asking for another city's rows gives nothing, not an error.
        var other = await Json(await client.GetAsync($"/odata/HotlineTickets?$filter=TownshipCode eq '{TestSources.Xiyilu}'&$count=true"));
        Assert.Equal(0, other.GetProperty("@odata.count").GetInt64());

        var grouped = await Json(await client.GetAsync("/odata/HotlineTickets?$apply=aggregate($count as N)"));
        Assert.Equal(expectedTickets, Assert.Single(grouped.GetProperty("value").EnumerateArray()).GetProperty("N").GetInt64());

        var values = await Json(await client.GetAsync("/odata/MeasureValues?$apply=filter(MeasureId eq 'hotline_tickets')/groupby((RegionCode))"));
        var valueRegions = values.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("RegionCode").GetString()).ToList();
        Assert.NotEmpty(valueRegions);
        Assert.DoesNotContain(TestSources.Province, valueRegions);
        Assert.DoesNotContain(TestSources.Xian, valueRegions);

        var comparison = await Json(await client.GetAsync("/api/dashboards/comparison?measure=hotline_tickets&period=2024&level=city"));
        var compared = Assert.Single(comparison.GetProperty("regions").EnumerateArray());
        Assert.Equal(TestSources.Baoji, compared.GetProperty("regionCode").GetString());

        var hidden = await client.GetAsync($"/api/dashboards/overview?region={TestSources.Xian}&period=2024");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Keys_add_prints_the_key_once_and_stores_only_its_hash()
    {
        var keyFile = Path.Combine(factory.Root, "cli-keys.json");
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        int exit;
        try
        {
            exit = KeysCommand.Run(["add", "--role", "analyst", "--region", TestSources.Baoji,
                "--warehouse", factory.WarehousePath, "--key-file", keyFile]);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        Assert.True(exit == 0, error.ToString());
        var key = output.ToString().Trim();
        Assert.StartsWith("ak_", key, StringComparison.Ordinal);
        var stored = File.ReadAllText(keyFile);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.Contains(KeyStore.Hash(key), stored, StringComparison.Ordinal);

        var unknownRegion = KeysCommand.Run(["add", "--role", "viewer", "--region", "999999999999",
            "--warehouse", factory.WarehousePath, "--key-file", keyFile]);
        Assert.Equal(2, unknownRegion);
    }

    [Fact]
    public async Task Rate_limit_is_per_key()
    {
        using var limited = factory.With(("Access:PermitsPerSecond", "1"), ("Access:Burst", "3"));
        var first = ApiFactory.ClientWith(limited, factory.NewKey(Roles.Viewer, null));
        var second = ApiFactory.ClientWith(limited, factory.NewKey(Roles.Viewer, null));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await first.GetAsync("/odata/Measures?$top=1")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/odata/Measures?$top=1")).StatusCode);
    }
}
