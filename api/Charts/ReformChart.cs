using Analytics.Api.Queries;
using ScottPlot;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Charts;

/// <summary>
/// Bodies before and after the reform, for party-government bodies, public institutions and internal bodies. The
/// counts are the streamlining rates' own parts: denominator = before, denominator - numerator = after.
/// </summary>
public static class ReformChart
{
    public static readonly (string Measure, string Label)[] Kinds =
    [
        (MeasureIds.InstitutionStreamliningRate, "党政机构"),
        (MeasureIds.PublicInstitutionStreamliningRate, "事业单位"),
        (MeasureIds.InternalBodyStreamliningRate, "内设机构"),
    ];

    public static Plot Build(Overview overview)
    {
        var plot = ChartStyle.New($"{overview.RegionName}改革前后机构数", ChartText.Period(overview.Period) + "末累计");
        var byId = overview.Figures.ToDictionary(f => f.Measure.Id, StringComparer.Ordinal);
        var before = new List<Bar>();
        var after = new List<Bar>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        // A kind without a count before the reform (江西 reports no internal bodies) is left out, not drawn as 0 and 0.
        var shown = Kinds.Where(k => byId.GetValueOrDefault(k.Measure)?.Denominator > 0).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var (measure, label) = shown[i];
            var f = byId.GetValueOrDefault(measure);
            double b = f?.Denominator ?? 0, a = b - (f?.Numerator ?? 0);
            var rate = f?.Value is { } v ? $"精简{v * 100:0.0}%" : "";
            before.Add(new Bar { Position = i * 3, Value = b, FillColor = ChartStyle.Reference, Label = $"{b:#,0}" });
            after.Add(new Bar { Position = i * 3 + 1, Value = a, FillColor = ChartStyle.Primary, Label = $"{a:#,0}" });
            ticks.AddMajor(i * 3 + 0.5, $"{label}\n{rate}");
        }
        var beforePlot = plot.Add.Bars(before);
        beforePlot.LegendText = "改革前";
        var afterPlot = plot.Add.Bars(after);
        afterPlot.LegendText = "改革后";
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.YLabel("机构数（个）");
        ChartStyle.LegendOutside(plot);
        ChartStyle.Finish(plot);
        return plot;
    }
}
