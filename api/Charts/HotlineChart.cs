using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>The three 12345 rates of a region on one percent axis (接诉即办 is scored on all three together).</summary>
public static class HotlineChart
{
    public static readonly string[] Measures = [MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate];

    /// <param name="trends">The trends of <see cref="Measures"/>, in that order, over the same periods.</param>
    public static Plot Build(IReadOnlyList<Trend> trends)
    {
        var periods = trends[0].Points.Select(p => p.Period).ToList();
        var range = periods.Count == 0 ? "" : $"{ChartText.Period(periods[0])}至{ChartText.Period(periods[^1])}";
        var plot = ChartStyle.New($"{trends[0].RegionName}12345热线三率走势", range);
        for (var i = 0; i < trends.Count; i++)
        {
            var m = MeasureCatalog.Find(trends[i].Measure.Id)!;
            TrendChart.AddLine(plot, trends[i].Points.Select(p => p.Value), 100, m.NameZh, ChartStyle.Series[i], LinePattern.Solid);
        }
        ChartStyle.CategoryTicks(plot.Axes.Bottom, periods, 12);
        ChartStyle.PercentTicks(plot.Axes.Left);
        plot.YLabel("比率（%）");
        ChartStyle.LegendOutside(plot);
        if (trends.All(t => t.Points.All(p => p.Value is null)))
            ChartStyle.NoData(plot);
        ChartStyle.Finish(plot, periods.Count);
        ChartStyle.FitY(plot, trends.SelectMany(t => t.Points).Select(p => p.Value * 100).OfType<double>(), 2, 0, 100);
        return plot;
    }
}
