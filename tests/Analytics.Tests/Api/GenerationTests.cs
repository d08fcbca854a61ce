using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Analytics.Etl.Load;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class GenerationTests(ApiFactory factory)
{
    private const string TicketsIn2024 = "/odata/MeasureValues?$filter=RegionCode eq '610000000000' and MeasureId eq 'hotline_tickets' and Period eq '2024'&$select=Value";

    [Fact]
    public async Task A_load_while_serving_changes_the_answer_and_no_request_fails()
    {
        // A warehouse of its own, so the other tests keep theirs.
        var (source, sources, warehouse) = factory.LoadOwn("reload");
        var before = sources.Tickets.Count;

        // Four readers in a loop on one key pass the per-key rate limit on a quiet machine; this test is about generations.
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00.100"),
            ("Access:PermitsPerSecond", "100000"), ("Access:Burst", "100000"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        Assert.Equal(before, await TicketCount(client));

        var seen = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    seen.Add(await TicketCount(client));
                }
                catch (Exception e)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToList();

        sources.WriteTickets(source, 2024, 4, new Random(99));
        var load = await Task.Run(() => new Loader(new LoadOptions(source, warehouse)).Run());
        Assert.True(load.Published);
        var after = sources.Tickets.Count;
        Assert.True(after > before);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !seen.Contains(after))
            await Task.Delay(50);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.Contains(after, seen);
        Assert.All(seen, v => Assert.True(v == before || v == after, $"saw {v}, neither {before} nor {after}"));
        Assert.Equal(after, await TicketCount(client));
    }

    private static async Task<double> TicketCount(HttpClient client)
    {
        var response = await client.GetAsync(TicketsIn2024);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("value")[0].GetProperty("Value").GetDouble();
    }
}
