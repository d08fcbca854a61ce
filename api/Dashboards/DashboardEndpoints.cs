using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;

namespace Analytics.Api.Dashboards;

/// <summary>
/// The JSON API behind the reform office's dashboard: comparison, trend and overview from the query layer
/// (<see cref="WarehouseQueries"/>, one SQL statement each, scoped to the key's region), described in the OpenAPI
/// document and kept per generation with ETags (<see cref="DashboardAnswers"/>). Charts and reports read the same
/// queries, so they draw exactly what the dashboards answer.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboards")
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Dashboards");
        group.MapGet("/comparison", Compare)
            .Produces<Comparison>().ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Compare the regions of one level on a measure and period")
            .WithDescription("Ranked best first, each with its rank among siblings, its parent's value and its change from the previous period. `within` limits the regions to one subtree.");
        group.MapGet("/trend", TrendOf)
            .Produces<Trend>().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("A measure for a region over a range of periods, with its parent for reference");
        group.MapGet("/overview", OverviewOf)
            .Produces<Overview>().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("The key figures of a region in a period");
        return routes;
    }

    // The typed results stay in the OpenAPI document; the answers themselves are kept JSON (DashboardAnswers).
    private static Task<IResult> Compare(DashboardAnswers answers, HttpContext context, WarehouseSession session,
        string measure, string period, string level, string? within) =>
        answers.Comparison(context, session, q => q.Compare(measure, period, level, within),
            q => q.CompareCursor(measure, period, level, within));

    private static Task<IResult> TrendOf(DashboardAnswers answers, HttpContext context, WarehouseSession session,
        string measure, string region, string? grain, string? from, string? to) =>
        answers.Answer(context, session, q => q.Trend(measure, region, grain, from, to));

    private static Task<IResult> OverviewOf(DashboardAnswers answers, HttpContext context, WarehouseSession session,
        string region, string period) =>
        answers.Answer(context, session, q => q.Overview(region, period));
}
