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
        var own = trend.Points.Select(p => p.Value * scale).ToList();
        // A parent whose every value is the region's own (陕西省 is 宝鸡市 alone in the samples) adds a hidden second line.
        var sameAsParent = trend.Points.All(p => p.ParentValue == p.Value);
        var parentName = sameAsParent ? null : trend.ParentName;
        var parent = parentName is null ? [] : trend.Points.Select(p => p.ParentValue * scale).ToList();
        // A township's 4-8 tickets a month beside its county's 100-200 would be a flat line at the bottom: when the
        // two scales differ by more than 5x, both are drawn as an index of their own mean (= 100).
        var indexed = Mean(own) is { } a && Mean(parent) is { } b && a > 0 && b > 0 && Math.Max(a, b) / Math.Min(a, b) > IndexRatio;
        if (indexed)
        {
            own = own.Select(v => v / Mean(own) * 100).ToList();
            parent = parent.Select(v => v / Mean(parent) * 100).ToList();
        }
        AddLine(plot, own, 1, trend.RegionName, ChartStyle.Primary, LinePattern.Solid);
        if (parentName is not null)
            AddLine(plot, parent, 1, $"{parentName}（上级）", ChartStyle.Reference, LinePattern.Dashed);
        ChartStyle.CategoryTicks(plot.Axes.Bottom, trend.Points.Select(p => p.Period).ToList(), 12);
        if (indexed)
            plot.YLabel($"{m.NameZh}指数（各自期间均值=100）");
        else
        {
            if (ChartText.IsPercent(m))
                ChartStyle.PercentTicks(plot.Axes.Left);
            else if (m.Unit == MeasureUnit.Count)
                ChartStyle.CountTicks(plot.Axes.Left);
            plot.YLabel(ChartText.Axis(m));
        }
        ChartStyle.LegendOutside(plot);
        if (trend.Points.All(p => p.Value is null))
            ChartStyle.NoData(plot);
        ChartStyle.Finish(plot, trend.Points.Count);
        var drawn = own.Concat(parent).OfType<double>().ToList();
        if (ChartText.IsPercent(m) && !indexed)
            ChartStyle.FitY(plot, drawn, 2, 0, 100);
        else if (m.Unit == MeasureUnit.Count && !indexed)
            ChartStyle.FitY(plot, drawn.Append(0), 1, 0);
        return plot;
    }

    /// <summary>How many times larger one line's scale may be than the other's before both become an index.</summary>
    public const double IndexRatio = 5;

    private static double? Mean(IReadOnlyList<double?> values) =>
        values.OfType<double>().ToList() is { Count: > 0 } known ? known.Average() : null;

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
