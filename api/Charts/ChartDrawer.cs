using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>A plot and the size it reads well at.</summary>
public sealed record Chart(Plot Plot, int Width, int Height) : IDisposable
{
    /// <summary>False when the warehouse has no value for anything the chart would draw (the plot says 暂无数据).</summary>
    public bool HasData { get; init; } = true;

    public void Dispose() => Plot.Dispose();
}

/// <summary>
/// Draws each kind of chart from the query layer's answers (comparison, trend, overview, forecast), so a chart shows
/// exactly the numbers the dashboards serve, scoped to the caller's region. Used by the chart endpoints and the report;
/// a query's problem leaves as <see cref="QueryProblemException"/>.
/// </summary>
public sealed class ChartDrawer(WarehouseQueries queries)
{
    public const int Width = 900;
    public const int Height = 480;

    public async Task<Chart> TrendChart(string measure, string region, string? grain, string? from, string? to)
    {
        var trend = (await queries.Trend(measure, region, grain, from, to)).OrThrow();
        return new Chart(Charts.TrendChart.Build(trend, Catalog(measure)), Width, Height) { HasData = trend.Points.Any(p => p.Value is not null) };
    }

    /// <summary>The region among its siblings, highlighted, with the parent's value as the reference line.</summary>
    public async Task<Chart> SiblingRanking(string measure, string region, string period)
    {
        var m = Catalog(measure);
        period = Periods.For(m, period);
        var r = (await queries.Region(region)).OrThrow();
        var comparison = (await queries.Compare(measure, period, r.LevelEn, r.ParentCode)).OrThrow();
        var self = comparison.Regions.FirstOrDefault(x => x.RegionCode == region);
        var parentName = r.ParentCode is null ? null : (await queries.Region(r.ParentCode)).Value?.Name;
        var title = parentName is null ? $"{m.NameZh}排名" : $"{parentName}各{Levels.Zh(r.LevelEn)}{m.NameZh}排名";
        return Ranking(RankingChart.Build(title, comparison, m, region, self?.ParentValue, $"{parentName ?? "上级"}"), comparison);
    }

    /// <summary>The region's children ranked, with the region's own value as the reference line.</summary>
    public async Task<Chart> ChildRanking(string measure, string region, string period)
    {
        var m = Catalog(measure);
        period = Periods.For(m, period);
        var r = (await queries.Region(region)).OrThrow();
        var level = Levels.Below(r) ?? throw new QueryProblemException(QueryProblem.BadRequest($"{r.Name} has no regions below it"));
        return ChildRanking(r, (await queries.Compare(measure, period, level, region)).OrThrow());
    }

    /// <summary>The children's ranking from their comparison, for a report that has already run it for its table.</summary>
    public static Chart ChildRanking(Region r, Comparison children)
    {
        var m = MeasureCatalog.Find(children.Measure.Id)!;
        var own = children.Regions.FirstOrDefault()?.ParentValue;
        return Ranking(RankingChart.Build($"{r.Name}各{Levels.Zh(children.Level)}{m.NameZh}排名", children, m, null, own, r.Name), children);
    }

    private static Chart Ranking(Plot plot, Comparison comparison) =>
        new(plot, Width, RankingChart.Height(comparison.Regions.Count)) { HasData = comparison.Regions.Any(x => x.Value is not null) };

    public async Task<Chart> HotlineChart(string region, string? from, string? to)
    {
        var trends = new List<Trend>();
        foreach (var measure in Charts.HotlineChart.Measures)
            trends.Add((await queries.Trend(measure, region, "month", from, to)).OrThrow());
        return new Chart(Charts.HotlineChart.Build(trends), Width, Height) { HasData = trends.Any(t => t.Points.Any(p => p.Value is not null)) };
    }

    /// <summary>
    /// The forecast of a monthly measure for a region (the <c>/api/forecasts</c> answer for the same arguments) after
    /// its last <paramref name="historyMonths"/> months. Null when the region has no monthly value of the measure.
    /// With <paramref name="after"/>, only the forecast months after that month are kept (a report's period is history).
    /// </summary>
    public async Task<(Chart Chart, ForecastResult Forecast)?> ForecastChart(ForecastCache forecaster, string measure, string region,
        int horizon = MonthlySeries.HorizonMax, string? origin = null, int historyMonths = 24, string? after = null)
    {
        var m = Catalog(measure);
        (await queries.Region(region)).OrThrow();
        var answer = await queries.Forecast(forecaster, measure, region, horizon, origin);
        if (answer.Problem is { Status: 404 })
            return null;
        var forecast = answer.OrThrow();
        if (after is not null)
            forecast = forecast with { Points = forecast.Points.Where(p => string.CompareOrdinal(p.Month, after) > 0).ToList() };
        var history = (await queries.Trend(measure, region, "month", Periods.MonthsBefore(forecast.Origin, historyMonths - 1), forecast.Origin)).OrThrow();
        return (new Chart(Charts.ForecastChart.Build(history, forecast, m), Width, Height), forecast);
    }

    public async Task<Chart> ReformChart(string region, string period) => ReformChart((await queries.Overview(region, period)).OrThrow());

    /// <summary>The reform chart from the region's overview, for a report that has already read it for its figures.</summary>
    public static Chart ReformChart(Overview overview) =>
        new(Charts.ReformChart.Build(overview), Width, Height)
        {
            HasData = overview.Figures.Any(f => f.Measure.Id == MeasureIds.InstitutionStreamliningRate && f.Denominator > 0),
        };

    /// <summary>Approved against actual posts for the children of the region (the region alone when it has none).</summary>
    public async Task<Chart> StaffingChart(string region, string period)
    {
        var year = period[..4];
        var r = (await queries.Region(region)).OrThrow();
        Comparison approved, actual;
        if (Levels.Below(r) is { } child && (approved = await Compare(MeasureIds.StaffingApproved, year, child, r.Code)).Regions.Count > 0)
            actual = await Compare(MeasureIds.StaffingActual, year, child, r.Code);
        else
        {
            // No children with staffing: the region itself.
            approved = await Compare(MeasureIds.StaffingApproved, year, r.LevelEn, r.ParentCode);
            actual = await Compare(MeasureIds.StaffingActual, year, r.LevelEn, r.ParentCode);
            approved = approved with { Regions = approved.Regions.Where(x => x.RegionCode == region).ToList() };
        }
        var plot = Charts.StaffingChart.Build(r.Name, year, approved, actual);
        return new Chart(plot, Width, Charts.StaffingChart.Height(approved.Regions.Count)) { HasData = approved.Regions.Any(x => x.Value > 0) };
    }

    private async Task<Comparison> Compare(string measure, string period, string level, string? within) =>
        (await queries.Compare(measure, period, level, within)).OrThrow();

    private static Measure Catalog(string id) => WarehouseQueries.Measure(id).OrThrow();
}
