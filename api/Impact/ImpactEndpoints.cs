using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Impact;

/// <summary><c>/api/impact</c> and <c>/api/impact/chart.png</c>: the impact estimate as JSON and as a chart, with the dashboards' key, role and region rules.</summary>
public static class ImpactEndpoints
{
    public static IEndpointRouteBuilder MapImpact(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/impact", Get)
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Impact")
            .WithSummary("Did the reform work? Effect of a reform on a monthly measure, by month relative to the reform")
            .WithDescription("Callaway-Sant'Anna difference-in-differences over the townships of a province, city or county: reformed " +
                             "townships against those not yet reformed, rates weighted by their denominators. treatment: integration " +
                             "(institutions integrated, default) or devolution (first power devolved); lead and lag: months before " +
                             "(2-60, default 12) and after (0-120, default 24); replicates: cluster bootstrap draws (50-5000, default 499). " +
                             "Returns effects with 95% intervals, their average after the reform, a pre-trend test, group sizes and warnings.");
        routes.MapGet("/api/impact/chart.png", Chart)
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Impact")
            .WithSummary("The impact estimate as a chart: effects by month relative to the reform with their 95% band, the months before shaded");
        return routes;
    }

    private static async Task<Results<Ok<ImpactAnswer>, ProblemHttpResult>> Get(
        WarehouseSession session, ClaimsPrincipal user, string measure, string region, string? treatment, int? lead, int? lag,
        int? replicates, CancellationToken cancellation) =>
        (await ImpactQuery.Run(new WarehouseQueries(session, user, cancellation), measure, region, treatment, lead, lag, replicates)).ToHttp();

    private static async Task<IResult> Chart(
        WarehouseSession session, ClaimsPrincipal user, string measure, string region, string? treatment, int? lead, int? lag,
        int? replicates, int? width, int? height, CancellationToken cancellation)
    {
        var answer = await ImpactQuery.Run(new WarehouseQueries(session, user, cancellation), measure, region, treatment, lead, lag, replicates);
        if (answer.Problem is { } p)
            return TypedResults.Problem(p.Detail, statusCode: p.Status);
        using var plot = ImpactChart.Build(answer.Value!);
        var (w, h) = (Math.Clamp(width ?? ImpactChart.Width, 200, 4000), Math.Clamp(height ?? ImpactChart.Height, 200, 4000));
        return TypedResults.File(plot.GetImageBytes(w, h, ScottPlot.ImageFormat.Png), "image/png");
    }
}
