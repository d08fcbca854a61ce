using System.Globalization;
using Analytics.Api.Charts;
using ScottPlot;

namespace Analytics.Api.Impact;

/// <summary>
/// The event-study chart: the effect for each month relative to the reform with its 95% band, zero as the reference,
/// the months before the reform shaded (there the effect should be near zero: that is the pre-trend check), and under
/// the chart the overall effect, the pre-trend test and the group sizes, so nobody reads the line without them.
/// </summary>
public static class ImpactChart
{
    public const int Width = 900;
    public const int Height = 520;

    private static readonly Color Band = Color.FromHex("#1f77b4").WithAlpha(0.2);
    private static readonly Color Before = Color.FromHex("#7f7f7f").WithAlpha(0.12);

    /// <param name="answer">The estimate.</param>
    /// <param name="caption">The line under the chart; by default the overall effect, the pre-trend test and the group
    /// sizes (a report states those in its text, in plainer words).</param>
    public static Plot Build(ImpactAnswer answer, string? caption = null)
    {
        var estimate = answer.Estimate;
        var percent = answer.Measure.Unit == "ratio";
        var scale = percent ? 100.0 : 1.0;
        var unit = percent ? "个百分点" : answer.Measure.Unit == "score" ? "分" : "";
        var plot = ChartStyle.New($"{answer.RegionName}{answer.TreatmentZh}对{answer.Measure.NameZh}的影响",
            $"{ChartText.Period(answer.FirstMonth)}至{ChartText.Period(answer.LastMonth)}", caption ?? Caption(answer, scale, unit));
        // The base month (-1) is zero by construction: drawn, so the line does not jump across it.
        var points = estimate.Events.Where(e => e.Estimate is not null).ToList();
        if (points.Count > 0)
            points = points.Append(new Analytics.Impact.EventEffect(-1, 0, 0, 0, 0, 0, 0, 0)).OrderBy(e => e.EventTime).ToList();
        if (points.Count == 0)
        {
            ChartStyle.NoData(plot);
            ChartStyle.Finish(plot);
            return plot;
        }
        var shaded = plot.Add.HorizontalSpan(estimate.Events[0].EventTime - 0.5, -0.5);
        shaded.FillStyle.Color = Before;
        shaded.LineStyle.Width = 0;
        shaded.LegendText = "改革前（应接近0）";
        // The band is drawn only where the bootstrap gave an interval; a gap stays a gap rather than a false band.
        var banded = points.Where(e => e.Low is not null).ToList();
        var xs = banded.Select(e => (double)e.EventTime).ToArray();
        var low = plot.Add.ScatterLine(xs, banded.Select(e => e.Low!.Value * scale).ToArray(), Band.WithAlpha(0.5));
        var high = plot.Add.ScatterLine(xs, banded.Select(e => e.High!.Value * scale).ToArray(), Band.WithAlpha(0.5));
        plot.Add.Plottable(new ScottPlot.Plottables.FillY(low, high) { FillColor = Band, LineWidth = 0, LegendText = "95%置信区间" });
        var zero = plot.Add.HorizontalLine(0, 1, ChartStyle.Reference, LinePattern.Dashed);
        zero.LegendText = "无影响";
        var reform = plot.Add.VerticalLine(-0.5, 1.5f, ChartStyle.Highlight, LinePattern.Dotted);
        reform.LegendText = "改革月份";
        var line = plot.Add.Scatter(points.Select(e => (double)e.EventTime).ToArray(), points.Select(e => e.Estimate!.Value * scale).ToArray(), ChartStyle.Primary);
        line.LineWidth = 2;
        line.MarkerSize = 5;
        line.LegendText = "估计效果";
        plot.YLabel($"效果（{(unit.Length > 0 ? unit : "个")}）");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v == 0 ? "改革月" : v.ToString("+0;-0", CultureInfo.InvariantCulture) + "月",
        };
        ChartStyle.LegendOutside(plot);
        ChartStyle.Finish(plot);
        plot.Axes.SetLimitsX(estimate.Events[0].EventTime - 0.5, estimate.Events[^1].EventTime + 0.5);
        return plot;
    }

    /// <summary>The overall effect with its interval, the pre-trend test and the group sizes; the first warning when there is one.</summary>
    public static string Caption(ImpactAnswer answer, double scale, string unit)
    {
        var e = answer.Estimate;
        string N(double v) => (v * scale).ToString("+0.0#;-0.0#;0", CultureInfo.InvariantCulture);
        var overall = e.Overall is { } o
            ? $"改革后0至{o.LastEventTime}月平均效果 {N(o.Estimate)}{unit}（95%区间 {N(o.Low)} 至 {N(o.High)}）"
            : "无法估计总体效果";
        var pre = e.PreTrend is { } p
            ? $"预趋势检验 p={(p.PValue < 0.001 ? "<0.001" : p.PValue.ToString("0.000", CultureInfo.InvariantCulture))}{(p.Rejected ? "（未通过）" : "（通过）")}"
            : "预趋势无法检验";
        var caption = $"{overall}；{pre}；已改革{e.TreatedUnits}个、对照{e.ComparisonUnits}个乡镇";
        return e.Warnings.Count > 0 ? caption + "\n注意：" + e.Warnings[0] : caption;
    }
}
