using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Impact;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OData.ModelBuilder;
using Microsoft.OData.UriParser;

namespace Analytics.Api.Impact;

/// <summary>
/// The impact estimate in the OData feed: an unbound function
/// <c>Impact(MeasureId='…',RegionCode='…',Treatment='integration')</c> returning the complex type ImpactAnswer, with
/// the default window (12 months before, 24 after) and 499 bootstrap replicates; <c>/api/impact</c> takes the others.
/// </summary>
public static class ImpactOData
{
    public static void AddTo(ODataConventionModelBuilder builder)
    {
        // Declared complex first: by convention a type with an Id property would become an entity type.
        builder.ComplexType<MeasureInfo>();
        var function = builder.Function("Impact");
        function.Parameter<string>("MeasureId");
        function.Parameter<string>("RegionCode");
        function.Parameter<string>("Treatment");
        function.Returns<ImpactAnswer>();
    }

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["ImpactAnswer"] = "Did the reform work? The effect of a reform on a monthly measure over the townships of a region (Callaway-Sant'Anna, not-yet-reformed comparisons).",
        ["ImpactAnswer.Measure"] = "The outcome measure.",
        ["ImpactAnswer.RegionCode"] = "The region whose townships are compared.",
        ["ImpactAnswer.RegionName"] = "Region name in Chinese.",
        ["ImpactAnswer.Treatment"] = "integration (institutions integrated) or devolution (first power devolved).",
        ["ImpactAnswer.TreatmentZh"] = "The treatment in Chinese.",
        ["ImpactAnswer.FirstMonth"] = "First month of the panel.",
        ["ImpactAnswer.LastMonth"] = "Last month of the panel.",
        ["ImpactAnswer.Townships"] = "Townships with values of the measure in the region.",
        ["ImpactAnswer.Estimate"] = "The estimate.",
        ["MeasureInfo"] = "A measure as dashboards label it.",
        ["ImpactEstimate"] = "Effects by month relative to the reform, their average, the pre-trend test, group sizes and warnings.",
        ["ImpactEstimate.Events"] = "One effect per month relative to the reform (the base month -1 is left out: it is 0 by construction).",
        ["ImpactEstimate.Overall"] = "Mean of the effects from the reform month to the last estimable month of the window.",
        ["ImpactEstimate.PreTrend"] = "Joint test that the effects before the reform are zero.",
        ["ImpactEstimate.TreatedUnits"] = "Reformed townships used after their reform.",
        ["ImpactEstimate.ComparisonUnits"] = "Not-yet-reformed townships used as comparisons after a reform.",
        ["ImpactEstimate.NeverTreatedUnits"] = "Townships not reformed within the panel.",
        ["ImpactEstimate.AlwaysTreatedUnits"] = "Townships reformed before the panel's first month, left out.",
        ["ImpactEstimate.Cohorts"] = "Distinct reform months.",
        ["ImpactEstimate.Replicates"] = "Cluster bootstrap replicates.",
        ["ImpactEstimate.Warnings"] = "Plain-Chinese warnings: small groups, a failed pre-trend test, months without comparisons.",
        ["EventEffect"] = "The effect a number of months after (or before) the reform, with its 95% interval.",
        ["EventEffect.EventTime"] = "Months since the reform month (0); negative before it.",
        ["EventEffect.Estimate"] = "Effect in the measure's unit (a fraction for rates); empty when no comparison existed.",
        ["EventEffect.StandardError"] = "Cluster bootstrap standard error.",
        ["EventEffect.Low"] = "Lower bound of the 95% interval.",
        ["EventEffect.High"] = "Upper bound of the 95% interval.",
        ["EventEffect.Cohorts"] = "Reform cohorts averaged in this month.",
        ["EventEffect.TreatedUnits"] = "Reformed townships in this month's estimate.",
        ["EventEffect.ComparisonUnits"] = "Comparison townships in this month's estimate.",
        ["OverallEffect"] = "The average effect after the reform.",
        ["OverallEffect.PValue"] = "Two-sided p-value of no effect.",
        ["OverallEffect.FirstEventTime"] = "First month averaged (0).",
        ["OverallEffect.LastEventTime"] = "Last month averaged.",
        ["PreTrendTest"] = "Wald test, on the bootstrap covariance, that the effects before the reform are all zero.",
        ["PreTrendTest.Statistic"] = "Wald statistic.",
        ["PreTrendTest.Months"] = "Months before the reform tested.",
        ["PreTrendTest.PValue"] = "p-value (Hotelling's T², F distribution).",
        ["PreTrendTest.Rejected"] = "True when the p-value is below 0.05: the groups were drifting apart before the reform.",
    };

    /// <summary>Core.Description on the function and on every complex type and property it returns.</summary>
    public static void Describe(EdmModel model, string ns)
    {
        foreach (var function in model.SchemaElements.OfType<IEdmFunction>().Where(f => f.Name == "Impact"))
            model.SetDescriptionAnnotation(function, "Effect of a reform on a monthly measure by month relative to the reform, with 95% intervals and a pre-trend test.");
        foreach (var import in model.EntityContainer.Elements.OfType<IEdmFunctionImport>().Where(f => f.Name == "Impact"))
            model.SetDescriptionAnnotation(import, "GET /odata/Impact(MeasureId='hotline_resolution_rate',RegionCode='610300000000',Treatment='integration').");
        foreach (var type in new[] { "ImpactAnswer", "MeasureInfo", "ImpactEstimate", "EventEffect", "OverallEffect", "PreTrendTest" })
        {
            if (model.FindDeclaredType($"{ns}.{type}") is not IEdmComplexType complex)
                continue;
            model.SetDescriptionAnnotation(complex, Descriptions[type]);
            foreach (var property in complex.DeclaredProperties)
                model.SetDescriptionAnnotation(property, Descriptions.GetValueOrDefault($"{type}.{property.Name}", property.Name));
        }
    }
}

/// <summary>Routes the Impact function; same key, role and region rules as <c>/api/impact</c>.</summary>
[Authorize(Policy = Roles.ReadAggregates)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ImpactFunctionController(Data.WarehouseSession session) : ODataController
{
    [HttpGet("odata/Impact(MeasureId={measureId},RegionCode={regionCode},Treatment={treatment})")]
    public async Task<IActionResult> Get(CancellationToken cancellation)
    {
        var segment = Request.ODataFeature().Path?.LastSegment as OperationImportSegment;
        var parameters = segment?.Parameters.ToDictionary(p => p.Name, p => p.Value is ConstantNode c ? c.Value : p.Value, StringComparer.Ordinal)
            ?? [];
        var answer = await ImpactQuery.Run(new WarehouseQueries(session, User, cancellation), parameters.GetValueOrDefault("MeasureId") as string ?? "",
            parameters.GetValueOrDefault("RegionCode") as string ?? "", parameters.GetValueOrDefault("Treatment") as string, null, null, null);
        return answer.Problem switch
        {
            null => Ok(answer.Value),
            { Status: 404 } => NotFound(),
            { } p => BadRequest(p.Detail),
        };
    }
}
