using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Forecasts;

/// <summary><c>/api/forecasts</c>: the JSON forecast, with the dashboards' key, role and region-scope rules.</summary>
public static class ForecastEndpoints
{
    public static IEndpointRouteBuilder MapForecasts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/forecasts", Get)
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Forecasts")
            .WithSummary("Forecast a measure's monthly series for a region, 1-12 months, with 80% and 95% intervals")
            .WithDescription("The method is chosen per series by rolling-origin backtests against naive and seasonal naive; " +
                             "its MASE, sMAPE and interval coverage come back with the forecast. `origin` (e.g. 2023-06) " +
                             "forecasts from an earlier month, with the actual values alongside.");
        return routes;
    }

    private static async Task<Results<Ok<ForecastResult>, ProblemHttpResult>> Get(
        ForecastCache forecaster, WarehouseSession session, ClaimsPrincipal user, string measure, string region,
        int? horizon, string? origin, CancellationToken cancellation) =>
        (await new WarehouseQueries(session, user, cancellation)
            .Forecast(forecaster, measure, region, horizon ?? MonthlySeries.HorizonMax, origin)).ToHttp();
}
