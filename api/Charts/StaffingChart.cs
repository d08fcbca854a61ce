using Analytics.Api.Queries;
using ScottPlot;

namespace Analytics.Api.Charts;

/// <summary>Approved posts (核定编制) against actual staff (实有人数) for each child region, or the region itself.</summary>
public static class StaffingChart
{
    public static Plot Build(string regionName, string year, Comparison approved, Comparison actual)
    {
        var plot = ChartStyle.New($"{regionName}核定编制与实有人数", ChartText.Period(year), "人数");
        var actualByRegion = actual.Regions.ToDictionary(r => r.RegionCode, r => r.Value, StringComparer.Ordinal);
        var rows = approved.Regions.OrderByDescending(r => r.Value).ThenBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
        var approvedBars = new List<Bar>();
        var actualBars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var position = (rows.Count - 1 - i) * 3.0;
            var a = rows[i].Value ?? 0;
            var s = actualByRegion.GetValueOrDefault(rows[i].RegionCode) ?? 0;
            approvedBars.Add(new Bar { Position = position + 1, Value = a, FillColor = ChartStyle.Reference, Label = $"{a:#,0}" });
            actualBars.Add(new Bar { Position = position, Value = s, FillColor = ChartStyle.Primary, Label = $"{s:#,0}" });
        }
        var approvedPlot = plot.Add.Bars(approvedBars);
        approvedPlot.LegendText = "核定编制";
        var actualPlot = plot.Add.Bars(actualBars);
        actualPlot.LegendText = "实有人数";
        approvedPlot.Horizontal = actualPlot.Horizontal = true;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < rows.Count; i++)
            ticks.AddMajor((rows.Count - 1 - i) * 3.0 + 0.5, rows[i].RegionName);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Margins(left: 0, right: 0.12);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Finish(plot);
        return plot;
    }

    public static int Height(int regions) => Math.Max(360, 130 + 40 * regions);
}
