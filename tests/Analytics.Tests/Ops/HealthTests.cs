using System.Net;
using System.Text.Json;
using Analytics.Tests.Api;
using Analytics.Warehouse;

namespace Analytics.Tests.Ops;

/// <summary>/healthz and /readyz answer without a key and say whether the API can serve, never what the data holds.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiFactory api)
{
    [Fact]
    public async Task Healthz_answers_without_a_key()
    {
        var response = await api.ClientWith(null).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_names_the_generation_served_and_its_age_and_nothing_of_the_data()
    {
        var response = await api.ClientWith(null).GetAsync("/readyz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ready", root.GetProperty("status").GetString());
        var warehouse = root.GetProperty("warehouse");
        Assert.True(warehouse.GetProperty("ok").GetBoolean());
        var current = new Generations(api.WarehousePath).Current()!;
        Assert.Equal(Path.GetFileName(current), warehouse.GetProperty("generation").GetString());
        var age = (DateTime.UtcNow - File.GetLastWriteTimeUtc(current)).TotalSeconds;
        Assert.InRange(warehouse.GetProperty("ageSeconds").GetDouble(), age - 30, age + 1);

        // This machine has the CJK font and Chromium (scripts/setup-debian.sh): both checks pass, as the files say.
        Assert.True(File.Exists("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc") == root.GetProperty("charts").GetProperty("ok").GetBoolean());
        Assert.True(File.Exists("/usr/bin/chromium") == root.GetProperty("pdf").GetProperty("ok").GetBoolean());

        // No region, measure or figure: only the names of the checks and the generation's file name.
        foreach (var region in TestSources.Regions)
        {
            Assert.DoesNotContain(region.Code, body);
            Assert.DoesNotContain(region.Name, body);
        }
        Assert.DoesNotContain("rate", body);
        Assert.DoesNotContain(api.WarehousePath, body);
    }

    [Fact]
    public async Task Readyz_is_503_without_a_warehouse_and_says_why()
    {
        using var empty = api.With(("Warehouse:Path", Path.Combine(api.Root, "nothing-here", "warehouse.duckdb")));
        var response = await ApiFactory.ClientWith(empty, null).GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var warehouse = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("warehouse");
        Assert.False(warehouse.GetProperty("ok").GetBoolean());
        Assert.Contains("no warehouse", warehouse.GetProperty("problem").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ApiFactory.ClientWith(empty, null).GetAsync("/healthz")).StatusCode);
    }
}
