using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>
/// <c>/api/charts/{kind}.png|svg</c>: the charts leaders' reports use, for the reform office to embed in its own
/// documents. Same key, roles and region scope as the dashboards.
/// </summary>
public static class ChartEndpoints
{
    public static readonly string[] Kinds = ["trend", "ranking", "children", "hotline", "reform", "staffing", "coverage", "forecast"];

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/charts/{kind}.{format}", Draw)
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Charts")
            .WithSummary("A chart as PNG or SVG")
            .WithDescription("kind: trend (measure, region, grain, from, to), ranking (measure, region, period: the region among its siblings), " +
                "children (measure, region, period: the region's children ranked), hotline (region, from, to: the three 12345 rates), " +
                "reform (region, period: bodies before and after), staffing (region, period: approved against actual posts), " +
                "coverage (region, period: grid coverage of the children), forecast (measure, region, horizon 1-12, origin: the /api/forecasts " +
                "forecast after 24 months of history, with its 80% and 95% intervals). width and height in pixels are optional.");
        return routes;
    }

    private static async Task<IResult> Draw(
        WarehouseSession session, ForecastCache forecaster, ClaimsPrincipal user, string kind, string format,
        string? measure, string? region, string? period, string? grain, string? from, string? to, int? width, int? height,
        int? horizon, string? origin,
        CancellationToken cancellation)
    {
        if (format is not ("png" or "svg"))
            return TypedResults.Problem("format must be png or svg", statusCode: 400);
        if (!Kinds.Contains(kind))
            return TypedResults.Problem($"kind must be one of {string.Join(", ", Kinds)}", statusCode: 400);
        if (region is null)
            return TypedResults.Problem("region is required", statusCode: 400);
        if (period is not null && !Periods.IsValid(period))
            return TypedResults.Problem(Periods.Invalid, statusCode: 400);
        var needs = kind is "trend" or "ranking" or "children" or "forecast" && measure is null ? "measure"
            : kind is not ("trend" or "hotline" or "forecast") && period is null ? "period" : null;
        if (needs is not null)
            return TypedResults.Problem($"{kind} needs {needs}", statusCode: 400);
        var queries = new ChartDrawer(new WarehouseQueries(session, user, cancellation));
        try
        {
            using var chart = kind switch
            {
                "trend" => await queries.TrendChart(measure!, region, grain, from, to),
                "ranking" => await queries.SiblingRanking(measure!, region, period!),
                "children" => await queries.ChildRanking(measure!, region, period!),
                "hotline" => await queries.HotlineChart(region, from, to),
                "reform" => await queries.ReformChart(region, period!),
                "staffing" => await queries.StaffingChart(region, period!),
                "forecast" => (await queries.ForecastChart(forecaster, measure!, region, horizon ?? MonthlySeries.HorizonMax, origin))?.Chart
                    ?? throw new QueryProblemException(QueryProblem.NotFound(ForecastCache.NoValues(region, measure!))),
                _ => await queries.ChildRanking(MeasureIds.GridCoverageRate, region, period!),
            };
            var (w, h) = (Math.Clamp(width ?? chart.Width, 200, 4000), Math.Clamp(height ?? chart.Height, 200, 4000));
            return format == "png"
                ? TypedResults.File(chart.Plot.GetImageBytes(w, h, ImageFormat.Png), "image/png")
                : TypedResults.Text(chart.Plot.GetSvgXml(w, h), "image/svg+xml", System.Text.Encoding.UTF8);
        }
        catch (QueryProblemException e)
        {
            return TypedResults.Problem(e.Problem.Detail, statusCode: e.Problem.Status);
        }
    }
}
