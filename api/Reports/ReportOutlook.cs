using System.Globalization;
using Analytics.Api.Charts;
using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>
/// The report's "预测展望": the forecast chart of the region's key monthly measures and the next months in a table,
/// from the same forecaster (and cache) as <c>/api/forecasts</c>. The forecasts start from the report period's last
/// month when the warehouse goes beyond it, so a report rebuilt after a later load still tells the same outlook
/// (with the actual values beside it); otherwise from the series' last month.
/// </summary>
public static class ReportOutlook
{
    /// <summary>
    /// The measures forecast, in order, up to <see cref="MaxCharts"/>; those the region has no monthly values of are left
    /// out. The hotline comes first (what leaders are scored on); the reform measures stand in where a region has no
    /// hotline data (江西's samples have none).
    /// </summary>
    public static readonly string[] Measures =
    [
        MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate, MeasureIds.HotlineTickets, MeasureIds.EnforcementCases,
        MeasureIds.InstitutionStreamliningRate, MeasureIds.GridCoverageRate, MeasureIds.DevolvedPowers,
    ];

    /// <summary>At most this many charts: the outlook is one section of a printed report, not a forecast atlas.</summary>
    public const int MaxCharts = 4;

    /// <summary>Months of each forecast in the table (the chart shows all twelve).</summary>
    public const int TableMonths = 3;
    /// <summary>The table's 方法 column, which wraps: a forecast that averages three methods names all three.</summary>
    public const int MethodColumn = 6;

    public static async Task<ReportSection> Build(WarehouseQueries queries, ChartDrawer charts, ForecastCache forecaster, string region, string period)
    {
        var lastMonth = Periods.LastMonth(period);
        var drawn = new List<(ReportChart Chart, ForecastResult Forecast)>();
        foreach (var id in Measures)
        {
            if (drawn.Count == MaxCharts)
                break;
            // A cumulative measure of a completed reform, or any series flat over the charts' two years, does not move:
            // a fan around a constant tells a leader nothing.
            if (MeasureCatalog.Find(id)!.Kind == MeasureKind.Cumulative || !await Moves(queries, id, region, lastMonth))
                continue;
            if (await Forecast(charts, forecaster, id, region, lastMonth) is not { } result)
                continue;
            if (string.CompareOrdinal(result.Forecast.Origin, Periods.MonthsBefore(lastMonth, MonthlySeries.HorizonMax)) < 0
                || result.Forecast.Points.Count == 0)
            {
                // A series that stopped over a year before the period (江西's devolution ends in 2021) forecasts months
                // the report is not about: left out rather than shown as an outlook.
                result.Chart.Dispose();
                continue;
            }
            // Png disposes the chart.
            drawn.Add((ReportBuilder.Png($"{MeasureCatalog.Find(id)!.NameZh}预测", result.Chart), result.Forecast));
        }
        if (drawn.Count == 0)
            return new("outlook", "预测展望", null, [], [], [], []);
        var origins = drawn.Select(d => ChartText.Period(d.Forecast.Origin)).Distinct().ToList();
        var lead = $"以{string.Join("、", origins)}为起点，按滚动回测选出的方法预测{ChartText.Period(period)}之后的月份（表中列出前{TableMonths}个月）；" +
                   "阴影为80%与95%预测区间；MASE小于1表示回测误差小于朴素基准。";
        return new("outlook", "预测展望", lead, [], [.. drawn.Select(d => d.Chart)], [],
            [new ReportTable(["指标", "月份", "预测值", "80%区间", "95%区间", "实际值", "方法", "MASE"], Rows(drawn.Select(d => d.Forecast)),
                Wrap: new HashSet<int> { MethodColumn })]);
    }

    /// <summary>Whether the region's monthly values of the measure changed at all over the two years to the period's end.</summary>
    private static async Task<bool> Moves(WarehouseQueries queries, string measure, string region, string lastMonth)
    {
        var trend = await queries.Trend(measure, region, "month", Periods.MonthsBefore(lastMonth, ReportBuilder.TrendMonths - 1), lastMonth);
        return trend.Value is { } t && t.Points.Select(p => p.Value).OfType<double>().Distinct().Count() > 1;
    }

    /// <summary>The table's rows: the first months of each forecast, formatted as the report formats the measure.</summary>
    public static List<IReadOnlyList<string>> Rows(IEnumerable<ForecastResult> forecasts) =>
        forecasts.SelectMany(f =>
        {
            var m = MeasureCatalog.Find(f.MeasureId)!;
            return f.Points.Take(TableMonths).Select(p => (IReadOnlyList<string>)
            [
                m.NameZh, ChartText.Period(p.Month), ChartText.Value(m, p.Value),
                $"{ChartText.Value(m, p.Lo80)}～{ChartText.Value(m, p.Hi80)}", $"{ChartText.Value(m, p.Lo95)}～{ChartText.Value(m, p.Hi95)}",
                ChartText.Value(m, p.Actual), f.MethodZh, ForecastChart.Mase(f.Chosen.Mase),
            ]);
        }).ToList();

    /// <summary>
    /// From the period's last month; from the series' end when that month is outside the series. Only the months after
    /// the period are kept: a Q4 report does not forecast December.
    /// </summary>
    private static async Task<(Chart Chart, ForecastResult Forecast)?> Forecast(ChartDrawer charts, ForecastCache forecaster,
        string measure, string region, string lastMonth)
    {
        try
        {
            return await charts.ForecastChart(forecaster, measure, region, MonthlySeries.HorizonMax, lastMonth, after: lastMonth);
        }
        catch (QueryProblemException e) when (e.Problem.Status == 400)
        {
            // Not a silent skip: the origin check is the only 400 left once the measure is a known monthly one.
            return await charts.ForecastChart(forecaster, measure, region, after: lastMonth);
        }
    }
}
