using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>
/// A region's key figures for a report period: each measure's value with its previous period (环比), the same period a
/// year before (同比), rank and parent; yearly measures (staffing) at the period's year; stocks as totals to date.
/// </summary>
public static class ReportFigures
{
    /// <summary>
    /// Flows that are granted once and then stay: shown as their total to the period's end with the month it was
    /// reached (江西's 30,368 devolved powers were all granted in 2021; its 2024 flow is 0).
    /// </summary>
    public static readonly string[] Stocks = [MeasureIds.DevolvedPowers];

    public static async Task<List<ReportFigure>> Read(WarehouseQueries q, Overview overview)
    {
        var period = overview.Period;
        var figures = overview.Figures.ToList();
        var yearAgo = (await q.Overview(overview.RegionCode, Periods.YearBefore(period))).OrThrow().Figures.ToList();
        if (Periods.Grain(period) != "year")
        {
            // Staffing exists by year only: the period's year, compared with the year before.
            var yearly = (await q.Overview(overview.RegionCode, period[..4])).OrThrow();
            var yearlyAgo = (await q.Overview(overview.RegionCode, Periods.YearBefore(period[..4]))).OrThrow();
            var only = MeasureCatalog.All.Where(m => !m.Grains.Contains("month", StringComparison.Ordinal)).Select(m => m.Id).ToHashSet();
            figures.AddRange(yearly.Figures.Where(f => only.Contains(f.Measure.Id)));
            yearAgo.AddRange(yearlyAgo.Figures.Where(f => only.Contains(f.Measure.Id)));
        }
        var before = yearAgo.ToDictionary(f => f.Measure.Id, StringComparer.Ordinal);
        var result = figures
            .Where(f => f.Value is not null && !Stocks.Contains(f.Measure.Id))
            .Select(f => new ReportFigure(MeasureCatalog.Find(f.Measure.Id)!, f.Value, f.PreviousValue, before.GetValueOrDefault(f.Measure.Id)?.Value,
                f.SiblingRank, f.SiblingCount, f.ParentValue, f.Reliable, f.Low, f.High))
            .ToList();
        foreach (var id in Stocks)
        {
            if (await Stock(q, id, overview.RegionCode, period) is { } stock)
                result.Add(stock);
        }
        return result;
    }

    private static async Task<ReportFigure?> Stock(WarehouseQueries q, string id, string region, string period)
    {
        var last = Periods.LastMonth(period);
        if (await q.StockToDate(id, region, last) is not { } now)
            return null;
        var months = Periods.Grain(period) switch { "year" => 12, "quarter" => 3, _ => 1 };
        var previous = await q.StockToDate(id, region, Periods.MonthsBefore(last, months));
        var yearAgo = await q.StockToDate(id, region, Periods.MonthsBefore(last, 12));
        return new ReportFigure(MeasureCatalog.Find(id)!, now.Total, previous?.Total ?? 0, yearAgo?.Total ?? 0, null, null, null, true, null, null,
            $"累计至{Charts.ChartText.Period(now.ReachedMonth)}");
    }
}
