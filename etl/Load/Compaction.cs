using System.Data.Common;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Whether the load's checkpoint compacts the catalog's tables. A load deletes and re-inserts the mart cells of the
/// periods it touches, so the rows it deletes are mostly the ones the previous load appended. At the checkpoint the
/// engine merges row groups with deleted rows into fewer ones (its "vacuum"), which rewrites the tail of every mart:
/// about 0.1 s of a 2.5 s monthly load at 10M tickets, for space that the next load frees anyway, since a row group
/// whose rows are all deleted is dropped without it. Holes elsewhere (a corrected old month, a pruned file) are not
/// freed that way, so they are counted: once the rows deleted but still stored reach a tenth of any table (and at
/// least 10,000 rows), the checkpoint compacts every table. Disk stays bounded by the data plus that much
/// (docs/decisions/0006).
/// </summary>
internal static class Compaction
{
    /// <summary>The share of a table's stored rows that may be deleted rows before the checkpoint compacts.</summary>
    internal const double MaxDeletedShare = 0.1;

    /// <summary>
    /// Fewer deleted rows than this are never worth a rewrite: the small tables a load rewrites whole (settings, the
    /// measure catalog) gain a few deleted rows a load and reach it only after years of monthly loads.
    /// </summary>
    internal const long MinDeletedRows = 10_000;

    /// <summary>Turns the checkpoint's compaction off unless some table has holes worth it; returns whether it is on.</summary>
    public static bool Prepare(DbConnection connection)
    {
        var needed = Needed(connection);
        if (!needed)
            Loader.Execute(connection, "SET max_vacuum_tasks = 0");
        return needed;
    }

    /// <summary>Whether any table of the catalog stores deleted rows worth compacting.</summary>
    internal static bool Needed(DbConnection connection) =>
        DeletedRows(connection).Any(t => t.Deleted >= MinDeletedRows && t.Deleted >= MaxDeletedShare * t.Stored);

    /// <summary>
    /// Per table of the catalog with at least <see cref="MinDeletedRows"/> rows stored: the rows its row groups store
    /// (the engine's estimated size counts deleted rows until they are compacted) and how many of those are deleted.
    /// </summary>
    internal static List<(string Table, long Stored, long Deleted)> DeletedRows(DbConnection connection)
    {
        var tables = Loader.Query(connection, $"""
            SELECT table_name, estimated_size FROM duckdb_tables()
            WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
              AND estimated_size >= {MinDeletedRows}
            ORDER BY table_name
            """, r => (Name: r.GetString(0), Stored: r.GetInt64(1)));
        if (tables.Count == 0)
            return [];
        var live = Loader.Query(connection,
            string.Join("\nUNION ALL ", tables.Select(t => $"SELECT {Lit(t.Name)}, count(*) FROM main.{Id(t.Name)}")),
            r => (Name: r.GetString(0), Rows: r.GetInt64(1))).ToDictionary(t => t.Name, t => t.Rows);
        return [.. tables.Select(t => (t.Name, t.Stored, t.Stored - live[t.Name]))];
    }
}
