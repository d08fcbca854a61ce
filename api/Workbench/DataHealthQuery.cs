using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using Analytics.Warehouse.Operations;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Workbench;

/// <summary>
/// What the numbers rest on: the loads, the files each holds, the rows set aside and why, and how the warehouse
/// compares with figures published in official documents. Quarantined rows are counted, never shown: their raw
/// text may come from a file with personal data.
/// A key with a region (and without --compare-outside) is told when the loads ran and which files they read, since
/// every region's figures rest on the same files, but no count: each source file holds every region of the province,
/// so its row counts, the rows set aside from it and the loads' totals are figures from outside the key's region.
/// The quarantine is withheld whole for the same reason (a set-aside row's region is often the value that was bad).
/// Of the published figures it sees those whose every region lies inside its scope.
/// Failed and stopped loads come from the load journal (they leave nothing in the warehouse); every key sees them,
/// since they name files, rows and columns, like the loads, and hold no figure.
/// </summary>
public static class DataHealthQuery
{
    /// <summary>At most this many failed loads are listed, newest first: a broken inbox retried often piles them up.</summary>
    public const int FailedLoadsShown = 20;

    public static async Task<DataHealth> Read(WarehouseSession session, ClaimsPrincipal user, IReadOnlyList<LoadAttempt> journal,
        CancellationToken cancellation)
    {
        var scoped = !RegionScope.SeesOutside(user);
        var runs = (await session.Table<EtlRun>().OrderByDescending(r => r.StartedAt).ToListAsync(cancellation))
            .Select(r => new LoadRun(r.RunId, r.StartedAt, r.FinishedAt, r.FilesLoaded, r.FilesSkipped,
                scoped ? null : r.RowsLoaded, scoped ? null : r.RowsRejected))
            .ToList();
        var files = (await session.Table<EtlFile>().OrderBy(f => f.FilePath).ToListAsync(cancellation))
            .Select(f => new LoadedFile(f.FilePath, f.Family, FamilyZh(f.Family), f.Encoding, f.LoadedAt,
                scoped ? null : f.RowsRead, scoped ? null : f.RowsLoaded, scoped ? null : f.RowsRejected, f.Sha256))
            .ToList();
        var quarantine = scoped ? [] : await Quarantine(session, cancellation);
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
        return new DataHealth(scoped, runs, files, quarantine, reconciliation, FailedLoads(journal));
    }

    /// <summary>The journal's failed and stopped attempts, newest first.</summary>
    public static List<FailedLoad> FailedLoads(IReadOnlyList<LoadAttempt> journal)
    {
        var lastCommitted = journal.Where(a => a.Outcome == LoadAttempt.Committed).Select(a => a.FinishedAt)
            .DefaultIfEmpty().Max();
        return journal.Where(a => a.Outcome != LoadAttempt.Committed)
            .OrderByDescending(a => a.FinishedAt)
            .Take(FailedLoadsShown)
            .Select(a => new FailedLoad(Local(a.StartedAt), Local(a.FinishedAt), a.Outcome,
                a.Outcome == LoadAttempt.Stopped ? "已停止" : "失败",
                a.Problem?.File, a.Problem?.Row, a.Problem?.Column,
                // Written before reasons were journalled: the English error may quote a database message, so not shown.
                a.Problem?.Reason ?? "加载失败，仓库未改变。原因见服务器上的加载日志。",
                a.FinishedAt > lastCommitted))
            .ToList();
    }

    /// <summary>The journal keeps UTC; the loads' table, like the office, the server's local time.</summary>
    private static DateTime Local(DateTime utc) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime(), DateTimeKind.Unspecified);

    /// <summary>
    /// Set-aside rows per file, sheet, column and reason code. Duplicates are grouped in SQL (each names its own
    /// earlier row, so their texts are all different); other reasons quote the bad value, so the few distinct texts
    /// are grouped again by code here.
    /// </summary>
    private static async Task<List<QuarantineGroup>> Quarantine(WarehouseSession session, CancellationToken cancellation)
    {
        var groups = await session.Table<QuarantinedRow>()
            .GroupBy(q => new { q.FilePath, q.Sheet, q.ColumnName, Reason = q.Reason.StartsWith("duplicate of ") ? "duplicate of " : q.Reason })
            .Select(g => new { g.Key.FilePath, g.Key.Sheet, g.Key.ColumnName, g.Key.Reason, Rows = g.LongCount(), FirstRow = g.Min(q => q.RowNumber) })
            .ToListAsync(cancellation);
        return groups
            .Select(g => (g, Reason: QuarantineReasons.Of(g.Reason)))
            .GroupBy(x => (x.g.FilePath, x.g.Sheet, x.g.ColumnName, x.Reason))
            .Select(x => new QuarantineGroup(x.Key.FilePath, x.Key.Sheet, x.Key.ColumnName, x.Key.Reason.Code, x.Key.Reason.Zh,
                x.Sum(y => y.g.Rows), x.Min(y => y.g.FirstRow)))
            .OrderBy(q => q.FilePath, StringComparer.Ordinal).ThenBy(q => q.FirstRow)
            .ToList();
    }

    /// <summary>The source family in the office's words.</summary>
    public static string FamilyZh(string family) => family switch
    {
        "hotline_tickets" => "12345工单",
        "enforcement_cases" => "执法案件",
        "institution_reforms" => "机构改革",
        "devolved_powers" => "赋权事项",
        "grid_snapshots" => "网格快照",
        "grid_events" => "网格事件",
        "staffing" => "编制",
        "regions" => "行政区划",
        "published_figures" => "公开数据",
        _ => family,
    };

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
