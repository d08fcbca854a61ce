using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Dashboards;
using Analytics.Api.Forecasts;
using Analytics.Api.Warehouse;
using Analytics.Warehouse.Measures;
using Microsoft.AspNetCore.Http.HttpResults;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>A chart request the warehouse cannot answer: the status and reason for a problem response.</summary>
public sealed class ChartProblemException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>A plot and the size it reads well at.</summary>
public sealed record Chart(Plot Plot, int Width, int Height) : IDisposable
{
    /// <summary>False when the warehouse has no value for anything the chart would draw (the plot says 暂无数据).</summary>
    public bool HasData { get; init; } = true;

    public void Dispose() => Plot.Dispose();
}

/// <summary>
/// Builds each kind of chart from the dashboards' own handlers (comparison, trend, overview over measure_values),
/// so a chart shows exactly the numbers the API serves, scoped to the caller's region. Used by the chart endpoints
/// and the report.
/// </summary>
public sealed class ChartQueries(WarehouseSession session, ClaimsPrincipal user, CancellationToken cancellation)
{
    public const int Width = 900;
    public const int Height = 480;

    public async Task<Region> Region(string code) =>
        await RegionScope.Find(session, user, code, cancellation) ?? throw new ChartProblemException(404, RegionScope.NotVisible(code));

    public async Task<Trend> Trend(string measure, string region, string? grain, string? from, string? to) =>
        Unwrap(await DashboardEndpoints.TrendOf(session, user, measure, region, grain, from, to, cancellation));

    public async Task<Comparison> Compare(string measure, string period, string level, string? within) =>
        Unwrap(await DashboardEndpoints.Compare(session, user, measure, period, level, within, cancellation));

    public async Task<Overview> Overview(string region, string period) =>
        Unwrap(await DashboardEndpoints.OverviewOf(session, user, region, period, cancellation));

    /// <summary>The level below a region's, e.g. county for a city; null for a community.</summary>
    public static string? ChildLevel(Region r) =>
        r.LevelRank < DashboardEndpoints.Levels.Length ? DashboardEndpoints.Levels[r.LevelRank] : null;

    public async Task<Chart> TrendChart(string measure, string region, string? grain, string? from, string? to)
    {
        var trend = await Trend(measure, region, grain, from, to);
        return new Chart(Charts.TrendChart.Build(trend, Catalog(measure)), Width, Height) { HasData = trend.Points.Any(p => p.Value is not null) };
    }

    /// <summary>The region among its siblings, highlighted, with the parent's value as the reference line.</summary>
    public async Task<Chart> SiblingRanking(string measure, string region, string period)
    {
        var m = Catalog(measure);
        period = Periods.For(m, period);
        var r = await Region(region);
        var comparison = await Compare(measure, period, r.LevelEn, r.ParentCode);
        var self = comparison.Regions.FirstOrDefault(x => x.RegionCode == region);
        var parentName = r.ParentCode is null ? null : (await Region(r.ParentCode)).Name;
        var title = parentName is null ? $"{m.NameZh}排名" : $"{parentName}各{LevelZh(r.LevelEn)}{m.NameZh}排名";
        return Ranking(RankingChart.Build(title, comparison, m, region, self?.ParentValue, $"{parentName ?? "上级"}"), comparison);
    }

    /// <summary>The region's children ranked, with the region's own value as the reference line.</summary>
    public async Task<Chart> ChildRanking(string measure, string region, string period)
    {
        var m = Catalog(measure);
        period = Periods.For(m, period);
        var r = await Region(region);
        var level = ChildLevel(r) ?? throw new ChartProblemException(400, $"{r.Name} has no regions below it");
        return ChildRanking(r, await Compare(measure, period, level, region));
    }

    /// <summary>The children's ranking from their comparison, for a report that has already run it for its table.</summary>
    public static Chart ChildRanking(Region r, Comparison children)
    {
        var m = MeasureCatalog.Find(children.Measure.Id)!;
        var own = children.Regions.FirstOrDefault()?.ParentValue;
        return Ranking(RankingChart.Build($"{r.Name}各{LevelZh(children.Level)}{m.NameZh}排名", children, m, null, own, r.Name), children);
    }

    private static Chart Ranking(Plot plot, Comparison comparison) =>
        new(plot, Width, RankingChart.Height(comparison.Regions.Count)) { HasData = comparison.Regions.Any(x => x.Value is not null) };

    public async Task<Chart> HotlineChart(string region, string? from, string? to)
    {
        var trends = new List<Trend>();
        foreach (var measure in Charts.HotlineChart.Measures)
            trends.Add(await Trend(measure, region, "month", from, to));
        return new Chart(Charts.HotlineChart.Build(trends), Width, Height) { HasData = trends.Any(t => t.Points.Any(p => p.Value is not null)) };
    }

    /// <summary>
    /// The forecast of a monthly measure for a region (the <c>/api/forecasts</c> result for the same arguments) after
    /// its last <paramref name="historyMonths"/> months. The region is checked against the key here: the forecaster
    /// does not. Null when the region has no monthly value of the measure.
    /// </summary>
    public async Task<(Chart Chart, ForecastResult Forecast)?> ForecastChart(ForecastCache forecaster, string measure, string region,
        int horizon = MonthlySeries.HorizonMax, string? origin = null, int historyMonths = 24)
    {
        var m = Catalog(measure);
        await Region(region);
        ForecastResult? forecast;
        try
        {
            forecast = await forecaster.ForecastAsync(measure, region, horizon, origin, cancellation);
        }
        catch (ArgumentException e)
        {
            throw new ChartProblemException(400, e.Message);
        }
        if (forecast is null)
            return null;
        var history = await Trend(measure, region, "month", Periods.MonthsBefore(forecast.Origin, historyMonths - 1), forecast.Origin);
        return (new Chart(Charts.ForecastChart.Build(history, forecast, m), Width, Height), forecast);
    }

    public async Task<Chart> ReformChart(string region, string period) => ReformChart(await Overview(region, period));

    /// <summary>The reform chart from the region's overview, for a report that has already read it for its figures.</summary>
    public static Chart ReformChart(Overview overview) =>
        new(Charts.ReformChart.Build(overview), Width, Height)
        {
            HasData = overview.Figures.Any(f => f.Measure.Id == "institution_streamlining_rate" && f.Denominator > 0),
        };

    /// <summary>Approved against actual posts for the children of the region (the region alone when it has none).</summary>
    public async Task<Chart> StaffingChart(string region, string period)
    {
        var year = period[..4];
        var r = await Region(region);
        Comparison approved, actual;
        if (ChildLevel(r) is { } child && (approved = await Compare("staffing_approved", year, child, r.Code)).Regions.Count > 0)
            actual = await Compare("staffing_actual", year, child, r.Code);
        else
        {
            // No children with staffing: the region itself.
            approved = await Compare("staffing_approved", year, r.LevelEn, r.ParentCode);
            actual = await Compare("staffing_actual", year, r.LevelEn, r.ParentCode);
            approved = approved with { Regions = approved.Regions.Where(x => x.RegionCode == region).ToList() };
        }
        var plot = Charts.StaffingChart.Build(r.Name, year, approved, actual);
        return new Chart(plot, Width, Charts.StaffingChart.Height(approved.Regions.Count)) { HasData = approved.Regions.Any(x => x.Value > 0) };
    }

    public static string LevelZh(string level) => level switch
    {
        "province" => "省",
        "city" => "市",
        "county" => "县（区）",
        "township" => "乡镇（街道）",
        "community" => "村（社区）",
        _ => level,
    };

    private static Analytics.Warehouse.Measures.Measure Catalog(string id) =>
        MeasureCatalog.Find(id) ?? throw new ChartProblemException(400, $"unknown measure '{id}' (see /odata/Measures)");

    private static T Unwrap<T>(Results<Ok<T>, ProblemHttpResult> result) => result.Result switch
    {
        Ok<T> { Value: { } value } => value,
        ProblemHttpResult problem => throw new ChartProblemException(problem.StatusCode, problem.ProblemDetails.Detail ?? "bad request"),
        _ => throw new InvalidOperationException("unexpected dashboard result"),
    };
}
