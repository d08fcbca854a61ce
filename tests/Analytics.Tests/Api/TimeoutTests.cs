using System.Net;
using Analytics.Etl.Load;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Tests.Api;

/// <summary>
/// The request timeout on a host of its own. Run after the rest of the API collection on the shared factory, this
/// test got a 200 after the whole query (seen in the full suite, never alone); the cause is not found yet, so it does
/// not share that factory's state while it is looked for.
/// </summary>
public sealed class TimeoutTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
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
        var (status, code, message) = await LimitsTests.Error(client, "/odata/HotlineTickets?$apply=groupby((TicketId,ReceivedAt),aggregate($count as N))/aggregate($count as Groups)");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Timeout", code);
        Assert.Contains("cancelled", message, StringComparison.Ordinal);
    }
}
