using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Api.Metrics;

namespace Analytics.Api.Workbench;

/// <summary>
/// <c>/api/workbench/*</c>: what the browser workbench needs beyond the dashboards: the catalog in Chinese, where a
/// region sits, rankings across a whole scope with 同比 and intervals, a region's page, data health and exports.
/// Same keys, roles and region scope as the dashboards.
/// </summary>
public static class WorkbenchEndpoints
{
    public static IEndpointRouteBuilder MapWorkbench(this IEndpointRouteBuilder routes)
    {
        routes.MapWorkbenchSite();
        var kept = new GenerationAnswers();
        WorkbenchWarmup.AfterStart(routes.ServiceProvider, kept);
        var group = routes.MapGroup("/api/workbench").RequireAuthorization(Roles.ReadAggregates).WithTags("Workbench")
            .AddEndpointFilter(ServerTiming.Add);
        group.MapGet("/me", (WarehouseSession s, ClaimsPrincipal u, CancellationToken c) => Answer(() => new WorkbenchQueries(s, u, c).Me()))
            .WithSummary("The key's role and region");
        group.MapGet("/start", (WarehouseSession s, ClaimsPrincipal u, CancellationToken c) =>
                Answer(() => new WorkbenchQueries(s, u, c, kept).Start()))
            .WithSummary("What opening a page needs first, in one answer: the key's role and region, the catalog, the scopes");
        group.MapGet("/catalog", (WarehouseSession s, ClaimsPrincipal u, CancellationToken c) =>
                Answer(() => new WorkbenchQueries(s, u, c, kept).Catalog()))
            .WithSummary("Measures with Chinese name, definition, unit and direction, and the periods each has values for");
        group.MapGet("/scopes", (WarehouseSession s, ClaimsPrincipal u, CancellationToken c) =>
                Answer(() => new WorkbenchQueries(s, u, c, kept).Scopes()))
            .WithSummary("Provinces, cities and counties the key may see");
        group.MapGet("/regions/{code}", (WarehouseSession s, ClaimsPrincipal u, string code, string period, CancellationToken c) =>
                Answer(() => new WorkbenchQueries(s, u, c).Page(code, period)))
            .WithSummary("A region's path, levels below, and every measure in a period with its changes");
        group.MapGet("/regions/{code}/figures.{format}", (WarehouseSession s, ClaimsPrincipal u, string code, string period, string format, CancellationToken c) =>
                Download(format, async () => WorkbenchTables.Figures(await new WorkbenchQueries(s, u, c).Page(code, period))))
            .WithSummary("A region's headline figures as .xlsx or CSV (UTF-8 with BOM), region and period written above the table");
        group.MapGet("/ranking", (WarehouseSession s, ClaimsPrincipal u, string measure, string period, string level, string? scope, string? sort, CancellationToken c) =>
                Answer(async () =>
                {
                    var ranking = await new WorkbenchQueries(s, u, c).Rank(measure, period, level, scope);
                    return ranking with { Rows = RankingExport.Sorted(ranking.Rows, sort) };
                }))
            .WithSummary("The regions of a level inside a scope ranked across the whole scope")
            .WithDescription("scope: any region the key may see (all of them when omitted), e.g. a city to rank its townships across counties. " +
                             "Each row: rank, value, numerator, denominator, yoy (against the same period a year earlier), change (previous period), " +
                             "parent value, Wilson 95% interval (low, high) and smallSample (denominator under 30).");
        group.MapGet("/ranking.{format}", (WarehouseSession s, ClaimsPrincipal u, string format, string measure, string period, string level,
                string? scope, string? sort, CancellationToken c) =>
                Download(format, async () =>
                {
                    var ranking = await new WorkbenchQueries(s, u, c).Rank(measure, period, level, scope);
                    return RankingExport.Table(ranking, RankingExport.Sorted(ranking.Rows, sort));
                }))
            .WithSummary("The ranking as .xlsx or CSV (UTF-8 with BOM), filters written above the table");
        group.MapGet("/health", (WarehouseSession s, ClaimsPrincipal u, WarehouseGauges j, CancellationToken c) =>
                Answer(() => DataHealthQuery.Read(s, u, j.Attempts(), c)))
            .WithSummary("Loads, files loaded, quarantined rows per file and reason, reconciliation with published figures, " +
                         "failed and stopped scheduled loads")
            .WithDescription("A key with a region gets no row counts and no quarantine (source files hold every region); its " +
                             "reconciliation holds the published figures of its region. Quarantine reasons: a stable " +
                             "reasonCode and the Chinese reasonZh. " +
                "failedLoads: the load journal's failed or stopped attempts (newest first, at most 20) with file, row, column " +
                "where known and the Chinese reason; unresolved when no load committed since.");
        group.MapGet("/health/{table}.{format}", (WarehouseSession s, ClaimsPrincipal u, WarehouseGauges j, string table, string format,
                CancellationToken c) =>
                Download(format, async () =>
                {
                    var me = await new WorkbenchQueries(s, u, c).Me();
                    var health = await DataHealthQuery.Read(s, u, j.Attempts(), c);
                    return WorkbenchTables.Health(health, table, me.Region?.Name ?? "全部地区");
                }))
            .WithSummary("One data-health table (runs, files, quarantine, reconciliation, failures) as .xlsx or CSV " +
                         "(UTF-8 with BOM)");
        return routes;
    }

    private static async Task<IResult> Download(string format, Func<Task<ExportTable>> build)
    {
        try
        {
            TableExport.Check(format);
            return TableExport.File(await build(), format);
        }
        catch (WorkbenchProblem e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status);
        }
    }

    private static async Task<IResult> Answer<T>(Func<Task<T>> read)
    {
        try
        {
            return TypedResults.Ok(await read());
        }
        catch (WorkbenchProblem e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status);
        }
    }
}
