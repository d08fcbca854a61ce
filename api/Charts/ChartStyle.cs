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
    public static void Finish(Plot plot)
    {
        var font = ChartFonts.Ensure();
        plot.Font.Set(font);
        plot.Legend.FontName = font;
        plot.Legend.SetBestFontOnEachRender = false;
    }

    /// <summary>Ticks of a percent axis: values are drawn ×100 and labelled 80%.</summary>
    public static void PercentTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%",
        };

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
