using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>What every chart shares: the CJK font on every label, a title, and the source and period line.</summary>
public static class ChartStyle
{
    public static readonly Color Primary = Color.FromHex("#1f77b4");
    public static readonly Color Highlight = Color.FromHex("#d62728");
    public static readonly Color Reference = Color.FromHex("#7f7f7f");
    public static readonly Color[] Series = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd")];

    /// <summary>A new plot with the CJK font, the title and, under the horizontal axis label, the source line.</summary>
    public static Plot New(string title, string periodText, string bottomLabel = "")
    {
        var font = ChartFonts.Ensure();
        var plot = new Plot();
        plot.Title(title, size: 18);
        // The source line rides under the bottom axis label so it never covers data and survives any plot size.
        plot.XLabel(bottomLabel.Length > 0 ? bottomLabel + "\n" + ChartText.Source(periodText) : ChartText.Source(periodText), size: 12);
        plot.Axes.Bottom.Label.ForeColor = Colors.DimGray;
        plot.Font.Set(font);
        return plot;
    }

    /// <summary>Sets the CJK font again on what <see cref="Plot.Font"/> does not reach: the legend and plottables' labels.</summary>
    /// <param name="plot">The plot, autoscaled to its data here.</param>
    /// <param name="categories">The number of categories on a category axis, which then spans exactly them.</param>
    /// <param name="horizontal">Categories run along the left axis (rankings) rather than the bottom one.</param>
    public static void Finish(Plot plot, int categories = 0, bool horizontal = false)
    {
        plot.Axes.AutoScale();
        if (categories > 0 && horizontal)
            plot.Axes.SetLimitsY(-0.6, categories - 0.4);
        else if (categories > 0)
            plot.Axes.SetLimitsX(-0.5, categories - 0.5);
        var font = ChartFonts.Ensure();
        plot.Font.Set(font);
        plot.Legend.FontName = font;
        plot.Legend.SetBestFontOnEachRender = false;
        foreach (var bars in plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>())
            bars.ValueLabelStyle.FontName = font;
    }

    /// <summary>A plot with nothing to draw says so in the middle instead of showing an empty frame with meaningless ticks.</summary>
    public static void NoData(Plot plot)
    {
        var text = plot.Add.Annotation("暂无数据", Alignment.MiddleCenter);
        text.LabelFontName = ChartFonts.Ensure();
        text.LabelFontSize = 24;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }

    /// <summary>Ticks of a percent axis: values are drawn ×100 and labelled 80% (99.95% when the axis spans hundredths, as a forecast band near 100% does).</summary>
    public static void PercentTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%",
        };

    /// <summary>The legend in a panel under the plot, outside the data: it never covers a bar's label or a forecast's first points.</summary>
    public static void LegendOutside(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontName = ChartFonts.Ensure();
    }

    /// <summary>Whole-number ticks for a count (no 4.5 tickets), with thousands separators.</summary>
    public static void CountTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = v => v.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// The vertical axis fitted to the values drawn, padded by a tenth of their range (at least <paramref name="minimumSpan"/>
    /// in all), kept inside [<paramref name="floor"/>, <paramref name="ceiling"/>]: 96.7% and 98.7% must not look equal on a 0-110% axis.
    /// </summary>
    public static void FitY(Plot plot, IEnumerable<double> values, double minimumSpan, double floor = double.NegativeInfinity,
        double ceiling = double.PositiveInfinity)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
            return;
        var (low, high) = (list.Min(), list.Max());
        var pad = Math.Max((high - low) * 0.1, (minimumSpan - (high - low)) / 2);
        var (bottom, top) = (Math.Max(floor, low - Math.Max(pad, 0)), Math.Min(ceiling, high + Math.Max(pad, 0)));
        // A line at the ceiling (a response rate of 100%) would run along the frame and half vanish: a sliver of
        // headroom, smaller than a tick step, so no tick above the ceiling is labelled.
        if (high >= ceiling)
            top = ceiling + (top - bottom) * 0.03;
        plot.Axes.SetLimitsY(bottom, top);
    }

    /// <summary>Category labels on an axis; with many categories only every k-th is labelled, so labels never overlap.</summary>
    public static void CategoryTicks(IAxis axis, IReadOnlyList<string> labels, int maxLabels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)maxLabels));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Count; i += step)
            ticks.AddMajor(i, labels[i]);
        axis.TickGenerator = ticks;
    }
}
