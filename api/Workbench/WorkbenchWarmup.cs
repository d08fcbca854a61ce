using System.Security.Claims;
using System.Text.Json;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Workbench;

/// <summary>
/// Once the API listens, asks the workbench's own questions once in the background: the catalog and the nationwide
/// scopes (kept for the load, so the first page open reads them from memory), a city's ranking, page and trend,
/// each also written as JSON. A
/// fresh process otherwise makes its first visitor wait for DuckDB opening the file and reading its first blocks and
/// for the first compilation of each query. Off with <c>Workbench:Warmup=false</c>. Its statements stay out of the
/// request SQL log; a failure (no warehouse yet) only waits for the first real request to show it.
/// </summary>
public static class WorkbenchWarmup
{
    public static void AfterStart(IServiceProvider services, GenerationAnswers kept)
    {
        if (!services.GetRequiredService<IConfiguration>().GetValue("Workbench:Warmup", true))
            return;
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = lifetime.ApplicationStopping;
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => Run(services, kept, stopping)));
    }

    private static async Task Run(IServiceProvider services, GenerationAnswers kept, CancellationToken stopping)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkbenchWarmup));
        try
        {
            using var session = new WarehouseSession(services.GetRequiredService<WarehouseConnections>(),
                new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor());
            session.Open(stopping);
            var everywhere = new ClaimsPrincipal(
                new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Viewer)], "warmup"));
            var queries = new WorkbenchQueries(session, everywhere, stopping, kept);
            var catalog = await queries.Catalog();
            var scopes = await queries.Scopes();
            var measure = catalog.FirstOrDefault(m => m.Periods.GetValueOrDefault("year") is { Count: > 0 });
            if (scopes.FirstOrDefault(r => r.LevelRank == 2) is not { } city || measure is null)
                return;
            var year = measure.Periods["year"][0];
            // Written as the answers are, so the serializer has each type's contract before the first visitor.
            var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            JsonSerializer.Serialize(new WorkbenchStart(await queries.Me(), catalog, scopes), json);
            JsonSerializer.Serialize(await queries.Rank(measure.Id, year, "township", city.Code), json);
            JsonSerializer.Serialize(await queries.Page(city.Code, year), json);
            var trend = await new WarehouseQueries(session, everywhere, stopping).Trend(measure.Id, city.Code, null, null, null);
            JsonSerializer.Serialize(trend.Value, json);
            logger.LogDebug("Workbench warmed up on {City} {Year}", city.Code, year);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogDebug(e, "Workbench warm-up skipped");
        }
    }
}
