using System.Globalization;
using Analytics.Api.Queries;
using Analytics.Api.Forecasts;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>
/// A measure's forecast for a region: the history up to the origin, the point forecast dashed after it, and the 95%
/// and 80% intervals shaded (lighter for the wider one). The caption names the method the backtest chose and its MASE,
/// so a reader knows how far to trust the line.
/// </summary>
public static class ForecastChart
{
    public static readonly Color Band95 = Color.FromHex("#1f77b4").WithAlpha(0.15);
    public static readonly Color Band80 = Color.FromHex("#1f77b4").WithAlpha(0.32);
    public static readonly Color Point = Color.FromHex("#ff7f0e");

    /// <summary>The caption under the chart: the chosen method and its backtest MASE (below 1 beats the naive baseline).</summary>
    public static string Caption(ForecastResult forecast) =>
        $"预测方法：{forecast.MethodZh}，回测MASE {Mase(forecast.Chosen.Mase)}（小于1优于朴素基准）；阴影为80%与95%预测区间";

    public static string Mase(double? mase) => mase?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The chart of <paramref name="forecast"/> after <paramref name="history"/>, the region's months up to the origin.</summary>
    public static Plot Build(Trend history, ForecastResult forecast, Measure m)
    {
        // A series younger than the history window starts at its first value, not after months of empty axis.
        var past = history.Points.SkipWhile(p => p.Value is null).ToList();
        var months = past.Select(p => p.Period).Concat(forecast.Points.Select(p => p.Month)).ToList();
        var first = months.FirstOrDefault() ?? forecast.Origin;
        var plot = ChartStyle.New($"{history.RegionName}{m.NameZh}预测", $"{ChartText.Period(first)}至{ChartText.Period(months[^1])}",
            Caption(forecast));
        var scale = ChartText.IsPercent(m) ? 100.0 : 1.0;
        // The forecast is drawn from the origin's value, so the dashed line and the bands join the history line.
        var origin = past.Count - 1;
        var last = origin >= 0 ? past[origin].Value : null;
        var xs = new List<double>();
        var (point, lo80, hi80, lo95, hi95) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        if (last is { } v)
        {
            xs.Add(origin);
            point.Add(v * scale); lo80.Add(v * scale); hi80.Add(v * scale); lo95.Add(v * scale); hi95.Add(v * scale);
        }
        for (var i = 0; i < forecast.Points.Count; i++)
        {
            var p = forecast.Points[i];
            xs.Add(origin + 1 + i);
            point.Add(p.Value * scale); lo80.Add(p.Lo80 * scale); hi80.Add(p.Hi80 * scale); lo95.Add(p.Lo95 * scale); hi95.Add(p.Hi95 * scale);
        }
        Band(plot, xs, lo95, hi95, Band95, "95%区间");
        Band(plot, xs, lo80, hi80, Band80, "80%区间");
        TrendChart.AddLine(plot, past.Select(p => p.Value), scale, "实际值", ChartStyle.Primary, LinePattern.Solid);
        var line = plot.Add.Scatter(xs.ToArray(), point.ToArray(), Point);
        line.LegendText = "点预测";
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.MarkerSize = 5;
        // A forecast from an earlier origin is judged by what happened: the actual months drawn beside it.
        var actual = forecast.Points.Select((p, i) => (X: origin + 1.0 + i, Y: p.Actual * scale)).Where(p => p.Y is not null).ToList();
        if (actual.Count > 0)
        {
            var happened = plot.Add.Scatter(actual.Select(p => p.X).ToArray(), actual.Select(p => p.Y!.Value).ToArray(), ChartStyle.Primary);
            happened.LegendText = "实际值（预测期）";
            happened.LineWidth = 2;
            happened.MarkerSize = 6;
            happened.MarkerShape = MarkerShape.OpenCircle;
        }
        ChartStyle.CategoryTicks(plot.Axes.Bottom, months, 12);
        if (ChartText.IsPercent(m))
            ChartStyle.PercentTicks(plot.Axes.Left);
        else if (m.Unit == MeasureUnit.Count)
            ChartStyle.CountTicks(plot.Axes.Left);
        plot.YLabel(ChartText.Axis(m));
        ChartStyle.LegendOutside(plot);
        ChartStyle.Finish(plot, months.Count);
        var drawn = past.Select(p => p.Value * scale).OfType<double>().Concat(lo95).Concat(hi95).Concat(actual.Select(p => p.Y!.Value));
        if (ChartText.IsPercent(m))
            ChartStyle.FitY(plot, drawn, 2, 0, 100);
        else if (m.Unit == MeasureUnit.Count)
            ChartStyle.FitY(plot, drawn.Append(0), 4, 0);
        return plot;
    }

    /// <summary>
    /// An interval as its two edges, thin lines of the band's colour without a legend entry, and the fill between them:
    /// the edges keep the band's bounds readable where the two bands overlap.
    /// </summary>
    private static void Band(Plot plot, List<double> xs, List<double> lo, List<double> hi, Color color, string label)
    {
        var edges = new[] { lo, hi }.Select(ys =>
        {
            var edge = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), color.WithAlpha(0.6));
            edge.LineWidth = 1;
            return edge;
        }).ToList();
        var fill = new ScottPlot.Plottables.FillY(edges[0], edges[1]) { FillColor = color, LineWidth = 0, LegendText = label };
        plot.Add.Plottable(fill);
    }
}
