using Analytics.Api.Access;
using Analytics.Api.Queries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OData.ModelBuilder;
using Microsoft.OData.UriParser;

namespace Analytics.Api.Forecasts;

/// <summary>
/// The forecast in the OData feed: an unbound function <c>Forecast(MeasureId='…',RegionCode='…',Horizon=12)</c>, with
/// an overload taking <c>Origin='2023-06'</c>, returning the complex type ForecastResult. A function rather than an
/// entity set: a forecast is computed on request, has no key worth querying, and $filter over it would mean nothing.
/// </summary>
public static class ForecastOData
{
    public static void AddTo(ODataConventionModelBuilder builder)
    {
        var plain = builder.Function("Forecast");
        plain.Parameter<string>("MeasureId");
        plain.Parameter<string>("RegionCode");
        plain.Parameter<int>("Horizon");
        plain.Returns<ForecastResult>();
        var fromOrigin = builder.Function("Forecast");
        fromOrigin.Parameter<string>("MeasureId");
        fromOrigin.Parameter<string>("RegionCode");
        fromOrigin.Parameter<int>("Horizon");
        fromOrigin.Parameter<string>("Origin");
        fromOrigin.Returns<ForecastResult>();
    }

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["ForecastResult"] = "A measure's monthly forecast for a region, the method its rolling-origin backtest chose, and the backtest scores.",
        ["ForecastResult.MeasureId"] = "Measure id (see the Measures set).",
        ["ForecastResult.RegionCode"] = "Region code.",
        ["ForecastResult.Origin"] = "The last month the forecast knows; points start the month after.",
        ["ForecastResult.Horizon"] = "Months forecast (1-12).",
        ["ForecastResult.Method"] = "The served forecast: the mean of the three candidates best in the backtest, named "
            + "a+b+c (e.g. mean_12+ses+damped_trend); one name where only one could be backtested (e.g. naive).",
        ["ForecastResult.Scale"] = "Where the models work: logit for rates, log1p for counts.",
        ["ForecastResult.Seasonal"] = "Whether seasonal methods competed (not for snapshots or series under 24 months).",
        ["ForecastResult.HistoryMonths"] = "Months of history up to the origin.",
        ["ForecastResult.Points"] = "One point per forecast month.",
        ["ForecastResult.Chosen"] = "The served forecast's backtest scores.",
        ["ForecastResult.Baselines"] = "Seasonal naive and naive in the same backtest.",
        ["ForecastResult.Candidates"] = "Every method that competed, best first.",
        ["ForecastPoint"] = "One forecast month with its 80% and 95% intervals.",
        ["ForecastPoint.Month"] = "Month, e.g. 2024-07.",
        ["ForecastPoint.Value"] = "Point forecast in the measure's unit.",
        ["ForecastPoint.Lo80"] = "Lower bound of the 80% interval.",
        ["ForecastPoint.Hi80"] = "Upper bound of the 80% interval.",
        ["ForecastPoint.Lo95"] = "Lower bound of the 95% interval.",
        ["ForecastPoint.Hi95"] = "Upper bound of the 95% interval.",
        ["ForecastPoint.Actual"] = "The warehouse's value for the month, when the origin is earlier than the last month.",
        ["BacktestScores"] = "How a method did in the rolling-origin backtest of the series.",
        ["BacktestScores.Method"] = "Method name.",
        ["BacktestScores.Mase"] = "Mean absolute scaled error (scale: in-sample one-step seasonal naive); below 1 beats it.",
        ["BacktestScores.Smape"] = "Symmetric mean absolute percentage error, 0-200.",
        ["BacktestScores.Coverage80"] = "Share of actual values inside the 80% interval (chosen method and baselines; null for other candidates).",
        ["BacktestScores.Coverage95"] = "Share of actual values inside the 95% interval (chosen method and baselines; null for other candidates).",
        ["BacktestScores.Forecasts"] = "Backtest forecasts scored (origins times horizons).",
    };

    /// <summary>Core.Description on the function and on every complex type and property it returns.</summary>
    public static void Describe(EdmModel model, string ns)
    {
        foreach (var function in model.SchemaElements.OfType<IEdmFunction>().Where(f => f.Name == "Forecast"))
            model.SetDescriptionAnnotation(function, "Forecast of a measure's monthly series for a region (1-12 months), 80% and 95% intervals, chosen by rolling-origin backtests.");
        foreach (var import in model.EntityContainer.Elements.OfType<IEdmFunctionImport>().Where(f => f.Name == "Forecast"))
            model.SetDescriptionAnnotation(import, "Forecast of a measure's monthly series for a region; GET /odata/Forecast(MeasureId='hotline_tickets',RegionCode='610000000000',Horizon=12).");
        foreach (var type in new[] { "ForecastResult", "ForecastPoint", "BacktestScores" })
        {
            if (model.FindDeclaredType($"{ns}.{type}") is not IEdmComplexType complex)
                continue;
            model.SetDescriptionAnnotation(complex, Descriptions[type]);
            foreach (var property in complex.DeclaredProperties)
                model.SetDescriptionAnnotation(property, Descriptions.GetValueOrDefault($"{type}.{property.Name}", property.Name));
        }
    }
}

/// <summary>Routes the Forecast function; same key, role and region rules as <c>/api/forecasts</c>.</summary>
[Authorize(Policy = Roles.ReadAggregates)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ForecastFunctionController(ForecastCache forecaster, Data.WarehouseSession session) : ODataController
{
    /// <summary>
    /// Both overloads land here. The parameters are read from the parsed OData path, except Origin: the router was
    /// seen to match the overload without it (Microsoft.AspNetCore.OData 9.5), so Origin is read from the URL itself.
    /// </summary>
    [HttpGet("odata/Forecast(MeasureId={measureId},RegionCode={regionCode},Horizon={horizon})")]
    [HttpGet("odata/Forecast(MeasureId={measureId},RegionCode={regionCode},Horizon={horizon},Origin={origin})")]
    public Task<IActionResult> Get(CancellationToken cancellation)
    {
        var segment = Request.ODataFeature().Path?.LastSegment as OperationImportSegment;
        var parameters = segment?.Parameters.ToDictionary(p => p.Name, p => p.Value is ConstantNode c ? c.Value : p.Value, StringComparer.Ordinal)
            ?? [];
        return Answer(parameters.GetValueOrDefault("MeasureId") as string ?? "", parameters.GetValueOrDefault("RegionCode") as string ?? "",
            parameters.GetValueOrDefault("Horizon") is int horizon ? horizon : MonthlySeries.HorizonMax,
            parameters.GetValueOrDefault("Origin") as string ?? OriginInUrl(), cancellation);
    }

    private string? OriginInUrl() =>
        System.Text.RegularExpressions.Regex.Match(Uri.UnescapeDataString(Request.Path.Value ?? ""), @"[(,]\s*Origin\s*=\s*'([^']*)'")
            is { Success: true } m ? m.Groups[1].Value : null;

    private async Task<IActionResult> Answer(string measureId, string regionCode, int horizon, string? origin, CancellationToken cancellation)
    {
        var answer = await new WarehouseQueries(session, User, cancellation).Forecast(forecaster, measureId, regionCode, horizon, origin);
        return answer.Problem switch
        {
            null => Ok(answer.Value),
            { Status: 404 } => NotFound(),
            { } p => BadRequest(p.Detail),
        };
    }
}
