using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>
/// Regions ranked on a measure, best at the top, as horizontal bars so 30 or 100 Chinese names stay readable; one
/// region may be highlighted, and a reference value (the parent's) is drawn as a line.
/// </summary>
public static class RankingChart
{
    public static Plot Build(string title, Comparison comparison, Measure m, string? highlight, double? reference, string referenceLabel)
    {
        var plot = ChartStyle.New(title, ChartText.Period(comparison.Period), ChartText.Axis(m));
        var scale = ChartText.IsPercent(m) ? 100.0 : 1.0;
        var rows = comparison.Regions;
        // Rates and scores of siblings sit close together (97.6 to 98.1): bars from zero would all look equal, so
        // they start a little below the lowest value, and the axis says where. Counts keep their zero.
        var values = rows.Where(r => r.Value is not null).Select(r => r.Value!.Value * scale).ToList();
        var floor = 0.0;
        if (m.Unit != MeasureUnit.Count && values.Count > 1 && values.Min() > 0)
        {
            var span = Math.Max(values.Max() - values.Min(), values.Max() * 0.01);
            floor = Math.Max(0, Math.Floor(values.Min() - span * 0.5));
        }
        var bars = rows.Select((r, i) => new Bar
        {
            ValueBase = floor,
            // Best first: the first row sits at the top.
            Position = rows.Count - 1 - i,
            Value = (r.Value * scale) ?? floor,
            FillColor = r.RegionCode == highlight ? ChartStyle.Highlight : ChartStyle.Primary,
            Label = ChartText.Value(m, r.Value),
            Size = 0.7,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = rows.Count > 40 ? 9 : 11;
        var labels = rows.Select((r, i) => r.Reliable ? $"{r.SiblingRank ?? i + 1}. {r.RegionName}" : $"{r.RegionName}（样本不足）").Reverse().ToList();
        ChartStyle.CategoryTicks(plot.Axes.Left, labels, int.MaxValue);
        plot.Axes.Left.TickLabelStyle.FontSize = rows.Count > 40 ? 10 : 12;
        if (reference is { } value)
        {
            var line = plot.Add.VerticalLine(value * scale, 2, ChartStyle.Reference, LinePattern.Dashed);
            line.LegendText = $"{referenceLabel}：{ChartText.Value(m, value)}";
            ChartStyle.LegendOutside(plot);
        }
        if (ChartText.IsPercent(m))
            ChartStyle.PercentTicks(plot.Axes.Bottom);
        else if (m.Unit == MeasureUnit.Count)
            ChartStyle.CountTicks(plot.Axes.Bottom);
        else
            // Left alone, a score axis of 96 to 98.3 got a tick every 0.1: 24 labels edge to edge.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        plot.Axes.Margins(left: 0, right: 0.12, bottom: 0.01, top: 0.01);
        if (floor > 0)
            plot.Axes.Bottom.Label.Text += $"（横轴自 {floor:0.#} 起）";
        plot.HideGrid();
        plot.Grid.XAxisStyle.IsVisible = true;
        if (rows.All(r => r.Value is null))
            ChartStyle.NoData(plot);
        ChartStyle.Finish(plot, rows.Count, horizontal: true);
        return plot;
    }

    /// <summary>Tall enough for one readable row per region.</summary>
    public static int Height(int regions) => Math.Max(360, 130 + 24 * regions);
}
