using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Workbench;

/// <summary>
/// What the numbers rest on: the loads, the files each holds, the rows set aside and why, and how the warehouse
/// compares with figures published in official documents. Quarantined rows are counted, never shown: their raw
/// text may come from a file with personal data. A key with a region sees only the published figures of its region.
/// </summary>
public static class DataHealthQuery
{
    public static async Task<DataHealth> Read(WarehouseSession session, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var runs = await session.Table<EtlRun>().OrderByDescending(r => r.StartedAt)
            .Select(r => new LoadRun(r.RunId, r.StartedAt, r.FinishedAt, r.FilesLoaded, r.FilesSkipped, r.RowsLoaded, r.RowsRejected))
            .ToListAsync(cancellation);
        var files = await session.Table<EtlFile>().OrderBy(f => f.FilePath)
            .Select(f => new LoadedFile(f.FilePath, f.Family, f.Encoding, f.LoadedAt, f.RowsRead, f.RowsLoaded, f.RowsRejected, f.Sha256))
            .ToListAsync(cancellation);
        var quarantine = await session.Table<QuarantinedRow>()
            .GroupBy(q => new { q.FilePath, q.Sheet, q.ColumnName, q.Reason })
            .Select(g => new QuarantineGroup(g.Key.FilePath, g.Key.Sheet, g.Key.ColumnName, g.Key.Reason, g.Count(), g.Min(q => q.RowNumber)))
            .ToListAsync(cancellation);
        var entries = await session.Table<ReconciliationEntry>().ToListAsync(cancellation);
        var visible = await VisibleParts(session, user, entries, cancellation);
        var codes = entries.SelectMany(Parts).Distinct().ToList();
        var names = await session.Table<Region>().Where(r => codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, cancellation);
        var reconciliation = entries
            .Where(e => Parts(e).All(visible.Contains))
            .Select(e => new ReconciliationRow(e.RegionCode, string.Join("+", Parts(e).Select(c => names.GetValueOrDefault(c, c))),
                e.Indicator, MeasureCatalog.Find(e.Indicator)?.NameZh ?? e.Indicator, e.Period, e.PublishedValue, e.WarehouseValue,
                e.LowerBound, e.Status, e.SourceDocument, e.Quote))
            .OrderBy(e => e.RegionCode, StringComparer.Ordinal).ThenBy(e => e.Indicator, StringComparer.Ordinal).ThenBy(e => e.Period, StringComparer.Ordinal)
            .ToList();
        return new DataHealth(runs, files,
            quarantine.OrderBy(q => q.FilePath, StringComparer.Ordinal).ThenBy(q => q.FirstRow).ToList(), reconciliation);
    }

    /// <summary>A published figure may sum several regions ('A+B').</summary>
    private static string[] Parts(ReconciliationEntry e) => e.RegionCode.Split('+');

    private static async Task<HashSet<string>> VisibleParts(WarehouseSession session, ClaimsPrincipal user,
        List<ReconciliationEntry> entries, CancellationToken cancellation)
    {
        var codes = entries.SelectMany(Parts).Distinct().ToList();
        var visible = await session.Table<Region>().Restrict(session.Db, user, r => r.Code)
            .Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellation);
        return visible.ToHashSet(StringComparer.Ordinal);
    }
}
