using Analytics.Api.Access;
using Analytics.Api.Data;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Queries;

/// <summary>What a region's data covers up to a day: per source family (in the reader's words), its last day with data.</summary>
public sealed record DataCoverage(IReadOnlyDictionary<string, DateOnly> LastDay)
{
    /// <summary>Yearly figures: a source, but its year's end is no day anything happened.</summary>
    public const string Staffing = "编制统计";

    /// <summary>数据截至: the latest day any dated family has data (null when none has).</summary>
    public DateOnly? Until => LastDay.Where(d => d.Key != Staffing).Select(d => (DateOnly?)d.Value).Max();
}

/// <summary>A flow that is built up once, as its total from the beginning to a month, and the month the total was reached.</summary>
public sealed record StockToDate(double Total, string ReachedMonth);

public static class CoverageQueries
{
    /// <summary>The last day with data of each source family in <paramref name="region"/>'s subtree, up to <paramref name="until"/>.</summary>
    public static async Task<DataCoverage> Coverage(this WarehouseQueries q, string region, DateOnly until)
    {
        var db = q.Session.Db;
        var end = until.ToDateTime(TimeOnly.MaxValue);
        var days = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        void Add(string family, DateOnly? day)
        {
            if (day is { } d)
                days[family] = d;
        }
        var tickets = await db.GetTable<HotlineTicket>().Within(db, region, t => t.TownshipCode)
            .Where(t => t.ReceivedAt <= end).MaxAsync(t => (DateTime?)t.ReceivedAt, q.Cancellation);
        Add("12345热线工单", tickets is { } t ? DateOnly.FromDateTime(t) : null);
        Add("综合执法案件", await db.GetTable<EnforcementCase>().Within(db, region, c => c.TownshipCode)
            .Where(c => c.OpenedOn <= until).MaxAsync(c => (DateOnly?)c.OpenedOn, q.Cancellation));
        Add("机构改革台账", await db.GetTable<InstitutionReform>().Within(db, region, r => r.TownshipCode)
            .Where(r => r.CompletedOn <= until).MaxAsync(r => (DateOnly?)r.CompletedOn, q.Cancellation));
        Add("赋权事项清单", await db.GetTable<DevolvedPower>().Within(db, region, p => p.TownshipCode)
            .Where(p => p.DevolvedOn <= until).MaxAsync(p => (DateOnly?)p.DevolvedOn, q.Cancellation));
        Add("网格台账", await db.GetTable<GridSnapshot>().Within(db, region, g => g.CommunityCode)
            .Where(g => g.SnapshotDate <= until).MaxAsync(g => (DateOnly?)g.SnapshotDate, q.Cancellation));
        var events = await db.GetTable<GridEvent>().Within(db, region, e => e.CommunityCode)
            .Where(e => e.ReportedAt <= end).MaxAsync(e => (DateTime?)e.ReportedAt, q.Cancellation);
        Add("网格事件", events is { } e ? DateOnly.FromDateTime(e) : null);
        var staffing = await db.GetTable<Staffing>().Within(db, region, s => s.RegionCode)
            .Where(s => s.Year <= until.Year).MaxAsync(s => (int?)s.Year, q.Cancellation);
        Add(DataCoverage.Staffing, staffing is { } y ? new DateOnly(y, 12, 31) : null);
        return new DataCoverage(days);
    }

    /// <summary>
    /// A flow count summed over every month up to <paramref name="lastMonth"/> (devolved powers were granted once, years
    /// ago: the period's own flow is 0, the stock is what a leader asks about), and the last month it grew.
    /// </summary>
    public static async Task<StockToDate?> StockToDate(this WarehouseQueries q, string measure, string region, string lastMonth)
    {
        var months = await q.Session.Table<MeasureValue>()
            .Where(v => v.MeasureId == measure && v.RegionCode == region && v.PeriodGrain == "month"
                        && string.Compare(v.Period, lastMonth) <= 0 && v.Value > 0)
            .Select(v => new { v.Period, v.Value })
            .ToListAsync(q.Cancellation);
        return months.Count == 0 ? null : new StockToDate(months.Sum(m => m.Value ?? 0), months.Max(m => m.Period)!);
    }
}
