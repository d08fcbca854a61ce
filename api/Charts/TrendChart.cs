using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>A measure for a region over time with its parent's values, dashed, for reference.</summary>
public static class TrendChart
{
    public static Plot Build(Trend trend, Measure m)
    {
        var first = trend.Points.FirstOrDefault()?.Period ?? "";
        var last = trend.Points.LastOrDefault()?.Period ?? "";
        var plot = ChartStyle.New($"{trend.RegionName}{m.NameZh}走势", $"{ChartText.Period(first)}至{ChartText.Period(last)}");
        var scale = ChartText.IsPercent(m) ? 100.0 : 1.0;
        AddLine(plot, trend.Points.Select(p => p.Value), scale, trend.RegionName, ChartStyle.Primary, LinePattern.Solid);
        if (trend.ParentName is not null)
            AddLine(plot, trend.Points.Select(p => p.ParentValue), scale, $"{trend.ParentName}（上级）", ChartStyle.Reference, LinePattern.Dashed);
        ChartStyle.CategoryTicks(plot.Axes.Bottom, trend.Points.Select(p => p.Period).ToList(), 12);
        if (ChartText.IsPercent(m))
            ChartStyle.PercentTicks(plot.Axes.Left);
        plot.YLabel(ChartText.Axis(m));
        plot.ShowLegend(Alignment.LowerRight);
        if (trend.Points.All(p => p.Value is null))
            ChartStyle.NoData(plot);
        ChartStyle.Finish(plot, trend.Points.Count);
        return plot;
    }

    /// <summary>One line over the periods; a period without a value is left out rather than drawn as zero.</summary>
    internal static void AddLine(Plot plot, IEnumerable<double?> values, double scale, string label, Color color, LinePattern pattern)
    {
        var points = values.Select((v, i) => (X: (double)i, Y: v * scale)).Where(p => p.Y is not null).ToList();
        if (points.Count == 0)
            return;
        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = points.Count > 36 ? 0 : 5;
    }
}
