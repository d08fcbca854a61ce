extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Data;
using Analytics.Etl.Load;
using Analytics.Warehouse.Storage;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>
/// Requests reuse open DuckDB connections of their generation. A load that publishes retires the old generation:
/// a request still reading it finishes on it, and then every connection to it is closed, the waiting ones too.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectionPoolTests(ApiFactory factory)
{
    private const string TicketsIn2024 = "/odata/MeasureValues?$filter=RegionCode eq '610000000000' and "
        + "MeasureId eq 'hotline_tickets' and Period eq '2024'&$select=Value&bench=";

    [Fact]
    public async Task A_retired_generation_closes_its_kept_connections_once_its_last_request_ends()
    {
        var (source, sources, warehouse) = factory.LoadOwn("pool");
        await using var host = factory.With(("Warehouse:Path", warehouse),
            ("Warehouse:GenerationCheckInterval", "00:00:00"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var before = sources.Tickets.Count;

        // Requests at once (each a new question, so each reads the warehouse): their connections are kept for reuse.
        var counts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => TicketCount(client, i)));
        Assert.All(counts, c => Assert.Equal(before, c));

        // A request in flight on the current generation (a session as a request holds one), and one that has ended
        // beside it, whose connection is kept idle. (The six requests above may have run one after another on a
        // busy machine and kept a single connection.)
        using var scope = host.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        session.Open(CancellationToken.None);
        var old = session.Generation;
        using (var ended = host.Services.CreateScope())
        {
            var db = ended.ServiceProvider.GetRequiredService<WarehouseSession>().Open(CancellationToken.None);
            Assert.Equal(1L, db.Execute<long>("SELECT 1"));
        }
        Assert.True(old.OpenConnections >= 2, $"{old.OpenConnections} connections open");

        sources.WriteTickets(source, 2024, 4, new Random(7));
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        Assert.Equal(sources.Tickets.Count, await TicketCount(client, 100));
        var current = scope.ServiceProvider.GetRequiredService<WarehouseConnections>().Acquire();
        current.Release();
        Assert.NotEqual(old.File, current.File);

        // The request still reading the retired generation is not broken, and still sees its data.
        Assert.False(old.Closed);
        var oldTickets = await session.Table<MeasureValue>()
            .Where(v => v.RegionCode == "610000000000" && v.MeasureId == "hotline_tickets" && v.Period == "2024")
            .Select(v => v.Value).SingleAsync();
        Assert.Equal(before, oldTickets);

        session.Dispose();
        Assert.True(old.Closed);
        Assert.Equal(0, old.OpenConnections);
        // Nothing holds the old file any more: it can be opened for writing (DuckDB refuses while it is open).
        using (Engine.Open(old.File))
        {
        }
    }

    [Fact]
    public void A_connection_whose_query_was_interrupted_is_closed_and_the_next_request_reads_normally()
    {
        Generation generation;
        int open;
        using (var scope = factory.Services.CreateScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var db = session.Open(cancellation.Token);
            generation = session.Generation;
            // Minutes of work for DuckDB if nothing stopped it; the request's cancellation interrupts it.
            Assert.NotNull(Record.Exception(() =>
                db.Execute<long>("SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3")));
            open = generation.OpenConnections;
        }
        // Not kept for the next request: closed when its request ended.
        Assert.Equal(open - 1, generation.OpenConnections);

        using var next = factory.Services.CreateScope();
        var again = next.ServiceProvider.GetRequiredService<WarehouseSession>();
        Assert.Equal(42L, again.Open(CancellationToken.None).Execute<long>("SELECT 42"));
        Assert.Same(generation, again.Generation);
    }

    private static async Task<double> TicketCount(HttpClient client, int question)
    {
        var response = await client.GetAsync(TicketsIn2024 + question);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("value")[0].GetProperty("Value").GetDouble();
    }
}
