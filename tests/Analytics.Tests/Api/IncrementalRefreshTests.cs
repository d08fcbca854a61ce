using System.Net;
using System.Text.Json;
using Analytics.Etl.Load;

namespace Analytics.Tests.Api;

/// <summary>
/// A client that refreshed at one generation asks <c>?changedSince=</c> that generation and gets exactly the rows a
/// later load added or changed: checked against the difference of two full downloads.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IncrementalRefreshTests(ApiFactory factory)
{
    [Fact]
    public async Task ChangedSinceAGenerationIsTheDifferenceOfTwoFullDownloads()
    {
        var (source, sources, warehouse) = factory.LoadOwn("incremental");
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"),
            ("OData:MaxPageSize", "1000"), ("Access:PermitsPerSecond", "100000"), ("Access:Burst", "100000"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);

        var (before, generation) = await All(client, "/odata/MeasureValues");
        var ticketsBefore = sources.Tickets.Select(t => t.Id).ToHashSet();
        sources.WriteTickets(source, 2024, 4, new Random(11));
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        var (after, current) = await All(client, "/odata/MeasureValues");
        Assert.NotEqual(generation, current);

        var expected = after.Where(row => !before.TryGetValue(row.Key, out var old) || old != row.Value)
            .ToDictionary(r => r.Key, r => r.Value);
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < after.Count, "a new month should not change every row");

        var (changed, _) = await All(client, $"/odata/MeasureValues?changedSince={generation}");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), changed.Keys.Order(StringComparer.Ordinal));
        Assert.All(changed, row => Assert.Equal(expected[row.Key], row.Value));

        // Facts too: the new month's tickets, nothing else.
        var tickets = await client.GetJson($"/odata/HotlineTickets?changedSince={generation}&$select=TicketId");
        var newIds = tickets.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("TicketId").GetString()!).ToHashSet();
        Assert.Equal(sources.Tickets.Select(t => t.Id).Where(id => !ticketsBefore.Contains(id)).ToHashSet(), newIds);

        var (none, _) = await All(client, $"/odata/MeasureValues?changedSince={current}");
        Assert.Empty(none);
    }

    [Fact]
    public async Task Removed_since_a_generation_lists_the_rows_a_replaced_file_dropped_and_a_pruned_file_took()
    {
        var (source, sources, warehouse) = factory.LoadOwn("removed");
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"),
            ("OData:MaxPageSize", "1000"), ("Access:PermitsPerSecond", "100000"), ("Access:Burst", "100000"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var (valuesAtFirst, first) = await All(client, "/odata/MeasureValues");

        // A corrected February: every other ticket withdrawn, the rest unchanged.
        var february = Path.Combine(source, "cases", "hotline_202402.csv");
        var lines = File.ReadAllLines(february);
        var kept = lines.Skip(1).Where((_, i) => i % 2 == 0).ToList();
        File.WriteAllLines(february, [lines[0], .. kept]);
        var withdrawn = lines.Skip(1).Where((_, i) => i % 2 == 1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        var second = (await client.GetAsync("/odata/Regions?$top=1")).Headers.GetValues("Warehouse-Generation").Single();
        Assert.Equal(withdrawn, await RemovedTickets(client, first));

        // March's file leaves the source folder and a pruning load removes its tickets.
        var held = await Tickets(client, "");
        File.Delete(Path.Combine(source, "cases", "hotline_202403.csv"));
        Assert.True(new Loader(new LoadOptions(source, warehouse) { Prune = true }).Run().Published);
        var march = sources.Tickets.Where(t => t.Received.Month == 3).Select(t => t.Id).Where(held.Contains).ToHashSet();
        Assert.NotEmpty(march);
        Assert.Equal(held.Except(await Tickets(client, "")).ToHashSet(), march);
        var pruned = await RemovedTickets(client, second);
        Assert.True(march.SetEquals(pruned),
            $"only removed: {string.Join(' ', pruned.Except(march).Take(5))}; only expected: {string.Join(' ', march.Except(pruned).Take(5))}");
        Assert.Equal(march.Union(withdrawn).ToHashSet(), await RemovedTickets(client, first));

        // Removed rows come as they were: a withdrawn ticket in its own township.
        var one = withdrawn.First();
        var row = (await client.GetJson($"/odata/HotlineTickets?removedSince={first}&$filter=TicketId eq '{one}'"))
            .GetProperty("value").EnumerateArray().Single();
        Assert.Equal(sources.Tickets.Single(t => t.Id == one).Township, row.GetProperty("TownshipCode").GetString());

        // Aggregates too: the measure values of the first generation whose key is gone now, against two full downloads.
        var (valuesNow, _) = await All(client, "/odata/MeasureValues");
        var gone = valuesAtFirst.Keys.Where(k => !valuesNow.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var (removed, _) = await All(client, $"/odata/MeasureValues?removedSince={first}");
        Assert.Equal(gone, removed.Keys.Order(StringComparer.Ordinal));
        Assert.All(removed, r => Assert.Equal(valuesAtFirst[r.Key], r.Value));

        var both = await client.GetAsync($"/odata/HotlineTickets?removedSince={first}&changedSince={first}");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    private static Task<HashSet<string>> RemovedTickets(HttpClient client, string since) =>
        Tickets(client, $"removedSince={since}&");

    private static async Task<HashSet<string>> Tickets(HttpClient client, string query)
    {
        var root = await client.GetJson($"/odata/HotlineTickets?{query}$select=TicketId");
        Assert.False(root.TryGetProperty("@odata.nextLink", out _), "one page expected");
        return root.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("TicketId").GetString()!).ToHashSet();
    }

    [Theory]
    [InlineData("19990101T000000000-1", HttpStatusCode.Gone)]
    [InlineData("../../etc/passwd", HttpStatusCode.BadRequest)]
    [InlineData("x' AS y; DROP", HttpStatusCode.BadRequest)]
    public async Task AGenerationNotKeptOrNotAGenerationIsAnErrorWithABody(string since, HttpStatusCode status)
    {
        var response = await factory.Admin().GetAsync($"/odata/MeasureValues?changedSince={Uri.EscapeDataString(since)}");
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    /// <summary>Every row of a set, keyed by its declared key, as raw JSON; and the generation the answer names.</summary>
    private static async Task<(Dictionary<string, string> Rows, string Generation)> All(HttpClient client, string url)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        string? generation = null;
        string? next = url;
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            generation ??= response.Headers.GetValues("Warehouse-Generation").Single();
            var root = await ApiJson.Json(response);
            foreach (var row in root.GetProperty("value").EnumerateArray())
                rows.Add($"{row.GetProperty("RegionCode").GetString()}|{row.GetProperty("Period").GetString()}|{row.GetProperty("MeasureId").GetString()}", row.GetRawText());
            next = root.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }
        return (rows, generation!);
    }
}
