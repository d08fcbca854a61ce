using Analytics.Api.Charts;
using Analytics.Api.Metrics;
using Analytics.Api.Reports;
using Analytics.Api.Data;
using DuckDB.NET.Data;

namespace Analytics.Api.Health;

/// <summary>One check of <c>/readyz</c>: whether the part works and, if not, what to do. Never a figure from the warehouse.</summary>
public sealed record Check(bool Ok, string? Problem = null);

public sealed record WarehouseCheck(bool Ok, string? Generation, double? AgeSeconds, string? Problem = null);

public sealed record Readiness(string Status, WarehouseCheck Warehouse, Check Charts, Check Pdf);

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: it can serve: the warehouse opens and answers a statement,
/// which generation it serves and how old it is, and whether charts (a CJK font) and PDF printing (Chromium) can work.
/// Both without a key, for a load balancer or systemd's watchdog script; neither says anything about the data.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/healthz";
    public const string Ready = "/readyz";

    public static void MapHealth(this WebApplication app)
    {
        app.MapGet(Live, () => Results.Json(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Ready, (WarehouseConnections connections, WarehouseGauges gauges, IHostApplicationLifetime lifetime) =>
        {
            var warehouse = CheckWarehouse(connections, gauges);
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            var readiness = new Readiness(stopping ? "stopping" : warehouse.Ok ? "ready" : "not ready", warehouse,
                Try(() => ChartFonts.File), Try(ChromiumPdf.Binary));
            return Results.Json(readiness, statusCode: warehouse.Ok && !stopping ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static WarehouseCheck CheckWarehouse(WarehouseConnections connections, WarehouseGauges gauges)
    {
        Generation generation;
        try
        {
            generation = connections.Acquire();
        }
        catch (WarehouseUnavailableException)
        {
            return new WarehouseCheck(false, null, null, "no warehouse has been loaded yet (run the ETL load)");
        }
        catch (DuckDBException e)
        {
            return new WarehouseCheck(false, null, null, "the current generation does not open: " + e.Message);
        }
        try
        {
            using var connection = generation.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
            return new WarehouseCheck(true, Path.GetFileName(generation.File), gauges.GenerationAge()?.TotalSeconds);
        }
        catch (DuckDBException e)
        {
            return new WarehouseCheck(false, Path.GetFileName(generation.File), null, "the current generation does not answer: " + e.Message);
        }
        finally
        {
            generation.Release();
        }
    }

    private static Check Try(Func<string> probe)
    {
        try
        {
            probe();
            return new Check(true);
        }
        catch (MissingToolException e)
        {
            return new Check(false, e.Message);
        }
    }
}
