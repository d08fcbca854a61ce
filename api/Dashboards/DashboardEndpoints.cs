using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Dashboards;

/// <summary>
/// The JSON API behind the reform office's dashboard: comparison, trend and overview from the query layer
/// (<see cref="WarehouseQueries"/>, one SQL statement each, scoped to the key's region), described in the OpenAPI
/// document. Charts and reports read the same queries, so they draw exactly what the dashboards answer.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboards")
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Dashboards");
        group.MapGet("/comparison", Compare)
            .WithSummary("Compare the regions of one level on a measure and period")
            .WithDescription("Ranked best first, each with its rank among siblings, its parent's value and its change from the previous period. `within` limits the regions to one subtree.");
        group.MapGet("/trend", TrendOf)
            .WithSummary("A measure for a region over a range of periods, with its parent for reference");
        group.MapGet("/overview", OverviewOf)
            .WithSummary("The key figures of a region in a period");
        return routes;
    }

    private static async Task<Results<Ok<Comparison>, ProblemHttpResult>> Compare(
        WarehouseSession session, ClaimsPrincipal user, string measure, string period, string level, string? within,
        CancellationToken cancellation) =>
        (await new WarehouseQueries(session, user, cancellation).Compare(measure, period, level, within)).ToHttp();

    private static async Task<Results<Ok<Trend>, ProblemHttpResult>> TrendOf(
        WarehouseSession session, ClaimsPrincipal user, string measure, string region, string? grain, string? from, string? to,
        CancellationToken cancellation) =>
        (await new WarehouseQueries(session, user, cancellation).Trend(measure, region, grain, from, to)).ToHttp();

    private static async Task<Results<Ok<Overview>, ProblemHttpResult>> OverviewOf(
        WarehouseSession session, ClaimsPrincipal user, string region, string period, CancellationToken cancellation) =>
        (await new WarehouseQueries(session, user, cancellation).Overview(region, period)).ToHttp();
}
