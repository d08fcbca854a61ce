using DuckDB.NET.Data;
using static Analytics.Warehouse.Storage.DuckSql;

namespace Analytics.Warehouse.Storage;

/// <summary>A Parquet file holding some rows of one loaded file version (one month of it, for monthly tables).</summary>
public sealed record FactPart(string Table, string SourceFile, string Version, DateOnly? Month, string Path, long Rows);

/// <summary>
/// The fact store: every loaded file version's rows as Parquet under <c>&lt;warehouse&gt;.facts/&lt;table&gt;/</c>,
/// partitioned Hive-style by <c>month=YYYY-MM-01</c> for the large monthly tables, written once and never changed.
/// A generation's catalog lists the parts it uses in <c>fact_parts</c> and reads them through the <c>stg_*</c>
/// views this class writes, so a load adds or drops files instead of rewriting tables (docs/decisions/0006).
/// </summary>
public sealed class FactStore(string root)
{
    public string Root { get; } = System.IO.Path.GetFullPath(root);

    public static FactStore For(string warehousePath) => new(System.IO.Path.GetFullPath(warehousePath) + ".facts");

    public string FullPath(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>
    /// Writes the rows of <paramref name="select"/> for one file version, split by <paramref name="monthColumn"/>
    /// when given. The select must produce the table's columns in its declared types plus <c>_key_hash</c>.
    /// </summary>
    public List<FactPart> Write(DuckDBConnection connection, string table, string sourceFile, string version, string select, string? monthColumn)
    {
        var folder = System.IO.Path.Combine(Root, table);
        Directory.CreateDirectory(folder);
        if (monthColumn is null)
        {
            var relative = $"{table}/{version}.parquet";
            var rows = Query(connection, $"SELECT count(*) FROM ({select})", r => r.GetInt64(0))[0];
            if (rows == 0)
                return [];
            Execute(connection, $"COPY ({select}) TO {Lit(FullPath(relative))} (FORMAT parquet, COMPRESSION zstd)");
            return [new FactPart(table, sourceFile, version, null, relative, rows)];
        }
        var monthly = Query(connection, $"""
            SELECT CAST(date_trunc('month', {monthColumn}) AS DATE) AS m, count(*) FROM ({select}) GROUP BY 1 ORDER BY 1
            """, r => (Month: DateOnly.FromDateTime(r.GetDateTime(0)), Rows: r.GetInt64(1)));
        if (monthly.Count == 0)
            return [];
        // One COPY writes every month's file; the month lives in the path, as Spark, Trino and ClickHouse expect.
        Execute(connection, $"""
            COPY (SELECT *, CAST(date_trunc('month', {monthColumn}) AS DATE) AS month FROM ({select}))
            TO {Lit(folder)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), FILENAME_PATTERN {Lit(version + "_{i}")}, OVERWRITE_OR_IGNORE true)
            """);
        return monthly.Select(m => new FactPart(table, sourceFile, version, m.Month,
            $"{table}/month={m.Month:yyyy-MM-dd}/{version}_0.parquet", m.Rows)).ToList();
    }

    /// <summary>
    /// Points <c>main.&lt;table&gt;</c> at the given parts, or at the empty typed table <c>shape.&lt;table&gt;</c> when
    /// there are none. <paramref name="columns"/> are the table's columns, in order.
    /// </summary>
    public void DefineView(DuckDBConnection connection, string table, IReadOnlyList<string> columns, IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.Select(p => Lit(FullPath(p))).ToList();
        var names = string.Join(", ", columns.Select(Id));
        var source = paths.Count == 0
            ? $"shape.{Id(table)}"
            : $"read_parquet([{string.Join(", ", paths)}], hive_partitioning = false)";
        Execute(connection, $"CREATE OR REPLACE VIEW main.{Id(table)} AS SELECT {names} FROM {source}");
    }

    /// <summary>Every Parquet file under the store, relative to it ('/'-separated).</summary>
    public IEnumerable<string> Files() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*.parquet", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            : [];

    /// <summary>Deletes the parts a failed load wrote (their names start with its run id).</summary>
    public void DeleteWrittenBy(string runId)
    {
        foreach (var file in Files().Where(f => System.IO.Path.GetFileName(f).StartsWith(runId + "-", StringComparison.Ordinal)).ToList())
            File.Delete(FullPath(file));
    }

    /// <summary>Deletes the files no retained generation lists, and the folders left empty.</summary>
    public int DeleteExcept(IReadOnlySet<string> keep)
    {
        var deleted = 0;
        foreach (var file in Files().Where(f => !keep.Contains(f)).ToList())
        {
            File.Delete(FullPath(file));
            deleted++;
        }
        if (Directory.Exists(Root))
        {
            foreach (var dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any())
                    Directory.Delete(dir);
            }
        }
        return deleted;
    }
}
