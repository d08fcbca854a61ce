using System.Text.Json;
using Analytics.Tests.Etl;
using DuckDB.NET.Data;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// A JavaScript user's client: o.js (npm "odata", installed from tests/odata-js/package-lock.json by
/// scripts/setup-debian.sh, so nothing is fetched while testing) pages a whole set of the sample feed over HTTP,
/// following @odata.nextLink, and gets every region the warehouse holds, read here directly.
/// </summary>
[Collection(SampleWarehouseCollection.Name)]
public sealed class NpmClientTests(SampleWarehouse samples, NotebookFeed feed) : IClassFixture<NotebookFeed>
{
    private static string ClientFolder => Path.Combine(Analytics.Warehouse.WarehousePaths.RepositoryRoot, "tests", "odata-js");

    [Fact]
    public void ODataJsPagesAWholeSetFollowingNextLinks()
    {
        Assert.True(Directory.Exists(Path.Combine(ClientFolder, "node_modules", "odata")),
            "the npm OData client is not installed: run scripts/setup-debian.sh (npm ci in tests/odata-js).");
        var url = feed.Start(samples.Warehouse);
        var (exitCode, output) = NotebookFeed.Run("node", ["page-set.mjs", url, NotebookFeed.DemoKey, "Regions", "Code", "100"],
            ClientFolder, new Dictionary<string, string?>());
        Assert.True(exitCode == 0, output);
        var answer = JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement;
        var codes = answer.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();

        using var connection = new DuckDBConnection($"Data Source={samples.Warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM dim_region ORDER BY code";
        var expected = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                expected.Add(reader.GetString(0));
        }
        Assert.True(expected.Count > 100, $"the sample warehouse should have several pages of regions, has {expected.Count}");
        Assert.Equal((expected.Count + 99) / 100, answer.GetProperty("pages").GetInt32());
        Assert.Equal(expected, codes);
    }
}
