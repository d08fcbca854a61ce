extern alias api;

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Analytics.Etl.Load;
using Analytics.Warehouse;
using api::Analytics.Api.Data;
using DuckDB.NET.Data;
using LinqToDB.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class LimitsTests(ApiFactory factory)
{
    private async Task<(HttpStatusCode Status, string Code, string Message)> Error(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
            return (response.StatusCode, "", body);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        return (response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task Apply_is_held_to_the_node_count_limit()
    {
        // 60 "or" comparisons: about 180 nodes, over the limit of 100 that 9.5.0 itself ignores inside $apply.
        var condition = string.Join(" or ", Enumerable.Range(0, 60).Select(i => $"Category eq 'c{i}'"));
        var (status, _, message) = await Error(factory.Admin(), $"/odata/HotlineTickets?$apply=filter({condition})/aggregate($count as N)");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("$apply", message, StringComparison.Ordinal);
        Assert.Contains("nodes", message, StringComparison.Ordinal);

        var (filterStatus, _, _) = await Error(factory.Admin(), $"/odata/HotlineTickets?$filter={condition}");
        Assert.Equal(HttpStatusCode.BadRequest, filterStatus);
    }

    [Fact]
    public async Task Apply_and_filter_are_held_to_the_depth_limit()
    {
        var nested = new StringBuilder("Personnel");
        for (var i = 0; i < 25; i++)
            nested.Insert(0, "(").Append(" add 1)");
        var (status, _, message) = await Error(factory.Admin(), $"/odata/EnforcementCases?$apply=compute({nested} as P)/aggregate(P with sum as S)");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("deep", message, StringComparison.Ordinal);

        var (filterStatus, _, filterMessage) = await Error(factory.Admin(), $"/odata/EnforcementCases?$filter={nested} gt 0");
        Assert.Equal(HttpStatusCode.BadRequest, filterStatus);
        Assert.Contains("deep", filterMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_apply_is_within_the_limits()
    {
        var (status, _, body) = await Error(factory.Admin(), "/odata/EnforcementCases?$apply=compute(Personnel add 1 as P)/groupby((Domain),aggregate(P with sum as S))");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("\"S\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_interrupts_the_query_and_answers_503_with_a_message()
    {
        // A warehouse of its own, built by the loader and then given three million extra tickets, so that a
        // grouping over them takes DuckDB far longer than the timeout.
        var warehouse = Path.Combine(factory.Root, "big", "warehouse.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        Assert.True(new Loader(new LoadOptions(factory.Source, warehouse)).Run().Published);
        var generations = new Generations(warehouse);
        var next = generations.Begin();
        using (var connection = new DuckDBConnection($"Data Source={next}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE big_tickets AS
                SELECT 'X' || i AS ticket_id, TIMESTAMP '2024-01-01 08:00:00' + to_minutes(i % 80000) AS received_at,
                       NULL::VARCHAR AS caller_hash, 'c' || (i % 1000) AS category, '610323101000' AS township_code,
                       TIMESTAMP '2024-01-01 09:00:00' + to_minutes(i % 80000) AS dispatched_at, NULL::TIMESTAMP AS first_contact_at,
                       NULL::TIMESTAMP AS closed_at, '已解决' AS resolved, '满意' AS satisfaction, false AS whistle,
                       NULL::VARCHAR AS responding_department, 'big.csv' AS _file, NULL::VARCHAR AS _sheet, i AS _row
                FROM range(3000000) t(i);
                CREATE OR REPLACE VIEW stg_hotline_tickets AS SELECT * FROM big_tickets;
                """;
            command.ExecuteNonQuery();
        }
        generations.Publish(next, []);

        // 50 ms: with 200 ms, one run on a quiet machine had its answer in time and got a 200.
        using var impatient = factory.With(("Warehouse:Path", warehouse), ("Warehouse:RequestTimeout", "00:00:00.050"));
        var client = ApiFactory.ClientWith(impatient, ApiFactory.AdminKey);
        // What the user sees: a clear 503, not a hang or a 500. That the DuckDB query itself is interrupted is
        // Cancelling_a_request_interrupts_its_running_DuckDB_query's job (no timing here: this machine is shared and noisy).
        var (status, code, message) = await Error(client, "/odata/HotlineTickets?$apply=groupby((TicketId,ReceivedAt),aggregate($count as N))/aggregate($count as Groups)");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Timeout", code);
        Assert.Contains("cancelled", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_a_request_interrupts_its_running_DuckDB_query()
    {
        using var scope = factory.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var db = session.Open(cancellation.Token);
        var clock = Stopwatch.StartNew();
        // Minutes of work for DuckDB if nothing stopped it.
        var failure = Record.Exception(() => db.Execute<long>("SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3"));
        clock.Stop();
        Assert.NotNull(failure);
        // Not a speed check: uninterrupted, the query runs for many minutes; a generous bound tells the two apart.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the query ran {clock.Elapsed} after cancellation");
    }
}
