using Analytics.Etl.Sources;
using Analytics.Warehouse.Storage;
using System.Data.Common;
using static Analytics.Etl.Load.Loader;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// The catalog's view of the fact store inside one load: which Parquet parts each table has (<c>fact_parts</c>),
/// writing a file version's good rows as new parts, dropping a file's parts, and the <c>stg_*</c> views over them.
/// </summary>
internal sealed class FactTables(DbConnection connection, FactStore store)
{
    private readonly Dictionary<string, List<(string Name, string Type)>> columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> views = new(StringComparer.Ordinal);

    /// <summary>The table's columns in their stored types, as its DDL in Sql/staging declares them.</summary>
    public IReadOnlyList<(string Name, string Type)> Columns(string table)
    {
        if (columns.Count == 0)
        {
            // One look at the catalog for every table: each duckdb_columns() call costs a few milliseconds.
            foreach (var c in Query(connection, """
                         SELECT table_name, column_name, data_type FROM duckdb_columns()
                         WHERE schema_name = 'shape' ORDER BY table_name, column_index
                         """, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2))))
            {
                if (!columns.TryGetValue(c.Table, out var list))
                    columns[c.Table] = list = [];
                list.Add((c.Name, c.Type));
            }
        }
        return columns.TryGetValue(table, out var found) ? found : throw new InvalidOperationException($"no table shape.{table}");
    }

    public Dictionary<string, string> KeyTypes(SourceFamily family) =>
        family.Key.ToDictionary(k => k, k => Columns(family.Table).Single(c => c.Name == k).Type);

    /// <summary>Absolute paths of the table's parts, apart from those of <paramref name="except"/>.</summary>
    public List<string> Parts(string table) =>
        Query(connection, $"SELECT path FROM fact_parts WHERE table_name = {Lit(table)} ORDER BY path", r => store.FullPath(r.GetString(0)));

    /// <summary>Drops a file's parts from this generation (the files stay for older generations) and notes their months.</summary>
    public void Drop(string table, string file, LoadChanges changes)
    {
        foreach (var month in Query(connection, $"SELECT DISTINCT month FROM fact_parts WHERE table_name = {Lit(table)} AND file_path = {Lit(file)}",
                     r => r.IsDBNull(0) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(0))))
            changes.Month(table, month);
        Execute(connection, $"DELETE FROM fact_parts WHERE table_name = {Lit(table)} AND file_path = {Lit(file)}");
    }

    /// <summary>Writes the good rows of <c>checked</c> as new parts, one set per file version.</summary>
    public void Write(SourceFamily family, IReadOnlyDictionary<string, string> versionOfFile, LoadChanges changes)
    {
        var select = ValidationSql.GoodRows(family, versionOfFile, Columns(family.Table), KeyTypes(family));
        var fileOfVersion = versionOfFile.ToDictionary(v => v.Value, v => v.Key, StringComparer.Ordinal);
        var parts = store.Write(connection, family.Table, select, family.MonthColumn is not null, fileOfVersion);
        using (var appender = Engine.Appender(connection, "fact_parts"))
        {
            foreach (var p in parts)
            {
                appender.CreateRow().AppendValue(p.Table).AppendValue(p.SourceFile).AppendValue(p.Version)
                    .AppendValue(p.Month is { } m ? m.ToDateTime(TimeOnly.MinValue) : (DateTime?)null)
                    .AppendValue(p.Path).AppendValue(p.Rows).EndRow();
            }
        }
        foreach (var p in parts)
            changes.Month(family.Table, p.Month);
        if (family.MonthColumn is null)
            changes.Whole(family.Table);
    }

    /// <summary>Points the table's view at all its parts.</summary>
    public void DefineView(string table) => DefineView(table, null);

    /// <summary>Points the table's view at the parts of some months only: the marts then recompute just those.</summary>
    public void DefineView(string table, IReadOnlyCollection<DateOnly>? months)
    {
        var filter = months is null ? "" : $" AND month IN ({string.Join(", ", months.Select(m => $"DATE '{m:yyyy-MM-dd}'"))})";
        var paths = months is { Count: 0 }
            ? []
            : Query(connection, $"SELECT path FROM fact_parts WHERE table_name = {Lit(table)}{filter} ORDER BY path", r => r.GetString(0));
        // A load points each view at its parts some four times (at the start, after each family, around the marts),
        // mostly at the same parts: re-creating a view that would not change cost a monthly load some 40 statements.
        var sql = store.ViewSql(table, Columns(table).Select(c => c.Name).ToList(), paths);
        if (views.TryGetValue(table, out var current) && current == sql)
            return;
        Execute(connection, sql);
        views[table] = sql;
    }

    /// <summary>Every part this generation reads (its manifest), relative to the store.</summary>
    public List<string> AllParts() => Query(connection, "SELECT path FROM fact_parts ORDER BY path", r => r.GetString(0));

    /// <summary>File times are kept to the microsecond, as DuckDB's TIMESTAMP stores them.</summary>
    public static DateTime Microseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Unspecified);
}
