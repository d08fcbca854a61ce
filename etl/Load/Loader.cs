using System.Data.Common;
using Analytics.Warehouse.Storage;
using Analytics.Etl.Sources;
using Analytics.Warehouse;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// One load: copies the current generation's catalog, re-reads only new, changed (or re-judged) files into new
/// Parquet parts, recomputes the mart cells those files can affect, reconciles with published figures, and only then
/// publishes the new generation. Any failure discards it (docs/decisions/0001 and 0006).
/// </summary>
public sealed class Loader(LoadOptions options, IProgress<LoadProgress>? progress = null)
{
    /// <summary>Bumped when the catalog's tables change shape: an older catalog is rebuilt from the sources.</summary>
    internal const string Layout = "parquet-1";

    public LoadResult Run()
    {
        // The first hash of a process loads OpenSSL (about 0.1 s): let that happen while the catalog is copied and
        // opened, not when the first changed file is hashed.
        // A failure here is left to the real hash to report (a faulted task that nobody awaits is ignored).
        _ = Task.Run(() => System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty));
        // Likewise the engine's library, while the folder is listed and the catalog copied.
        _ = Task.Run(Engine.LoadLibrary);
        if (!Directory.Exists(options.Source))
            throw new LoadException(options.Source, "the source folder does not exist");
        var (files, ignored) = Discover(options.Source);
        var generations = new Generations(options.Warehouse);
        using var exclusive = LockWarehouse(generations);
        var runId = $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var generation = Analytics.Warehouse.Storage.DuckSql.Step("begin (copy catalog)", generations.Begin);
        try
        {
            var (result, parts) = LoadInto(generation, generations, files, ignored, runId);
            if (result.Published)
                Analytics.Warehouse.Storage.DuckSql.Step("publish", () => generations.Publish(generation, parts, keep: options.KeepGenerations, grace: options.RetainFor));
            else
            {
                Generations.Discard(generation);
                generations.Facts.DeleteWrittenBy(runId);
            }
            return result;
        }
        catch
        {
            Generations.Discard(generation);
            generations.Facts.DeleteWrittenBy(runId);
            throw;
        }
    }

    /// <summary>
    /// Two loads at once would both copy the same generation and the last to publish would drop the other's rows:
    /// the second one fails at once instead. The OS releases the lock if the process dies.
    /// </summary>
    internal static FileStream LockWarehouse(Generations generations)
    {
        Directory.CreateDirectory(generations.Folder);
        var path = Path.Combine(generations.Folder, ".load.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new LoadException(generations.WarehousePath, "another load is running into this warehouse; try again when it has finished");
        }
    }

    private (LoadResult Result, List<string> Parts) LoadInto(string generation, Generations generations,
        List<(string Full, string Relative, SourceFamily Family)> files, List<string> ignored, string runId)
    {
        var tempFolder = generation + ".tmp";
        Directory.CreateDirectory(tempFolder);
        try
        {
            using var connection = Analytics.Warehouse.Storage.DuckSql.Step("open", () => OpenCurrentLayout(generation));
            Execute(connection, $"SET memory_limit = '{options.MemoryLimitMb}MB'; SET temp_directory = {Lit(tempFolder)}; SET preserve_insertion_order = true;");
            // The load's own types (the region codes a row is checked against) live in memory, never in the catalog.
            Execute(connection, "ATTACH ':memory:' AS scratch;");
            Execute(connection, "CREATE SCHEMA IF NOT EXISTS shape;");
            foreach (var script in Analytics.Warehouse.SqlScripts.Layer("meta").Concat(Analytics.Warehouse.SqlScripts.Layer("staging")))
                Execute(connection, Analytics.Warehouse.SqlScripts.Get(script));
            Execute(connection, $"INSERT INTO etl_runs (run_id, started_at, source_dir) VALUES ({Lit(runId)}, now()::TIMESTAMP, {Lit(options.Source)})");

            var store = new FactTables(connection, generations.Facts);
            foreach (var family in Families.All)
                store.DefineView(family.Table);
            var changes = new LoadChanges();
            var inspected = Analytics.Warehouse.Storage.DuckSql.Step("inspect", () => Inspect(connection, files));
            var families = new FamilyLoader(connection, store, options, new RawTable(connection, Salt.For(options.Warehouse), tempFolder, options), runId, changes, progress);
            var results = new List<FileResult>();
            foreach (var (family, i) in Families.All.Select((f, i) => (f, i)))
            {
                progress?.Report(new("loading", family.Name, i, Families.All.Count));
                results.AddRange(families.Load(family, inspected.Where(f => f.Family == family).ToList()));
            }
            var model = new ModelBuilder(connection, store, options, progress);
            var settingsChanged = model.WriteSettings();
            // A file whose every row was rejected changes no mart cell, but its record and its quarantine are news.
            var filesChanged = results.Any(r => r.Status is not (FileStatus.Unchanged or FileStatus.Kept));
            if (!options.Rebuild && !settingsChanged && !changes.Any && !filesChanged)
                return (new LoadResult(runId, false, options.Warehouse, results, ignored, [], null), []);

            model.Build(changes, all: options.Rebuild || settingsChanged);
            var reconciliation = Reconcile(connection);
            Execute(connection, $"""
                UPDATE etl_runs SET finished_at = now()::TIMESTAMP,
                  files_loaded = {results.Count(r => r.Status is FileStatus.Loaded or FileStatus.Replaced or FileStatus.Rejudged)},
                  files_skipped = {results.Count(r => r.Status == FileStatus.Unchanged)},
                  rows_loaded = {results.Where(r => r.Status != FileStatus.Unchanged).Sum(r => r.Loaded)},
                  rows_rejected = {results.Where(r => r.Status != FileStatus.Unchanged).Sum(r => r.Rejected)}
                WHERE run_id = {Lit(runId)}
                """);
            var rejected = Query(connection, $"""
                SELECT file_path, sheet, row_number, column_name, reason FROM quarantine
                WHERE run_id = {Lit(runId)} ORDER BY file_path, sheet, row_number LIMIT 20
                """, r => new QuarantineSample(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
            var parts = store.AllParts();
            Compaction.Prepare(connection);
            Execute(connection, "CHECKPOINT");
            return (new LoadResult(runId, true, options.Warehouse, results, ignored, rejected, reconciliation), parts);
        }
        finally
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }

    /// <summary>A catalog from before the fact store (or of another layout) is not migrated: the load starts afresh
    /// and reads every file again, which is what any file-level change would need anyway.</summary>
    private static DbConnection OpenCurrentLayout(string generation)
    {
        var existed = File.Exists(generation);
        var connection = Engine.Open(generation);
        try
        {
            if (!existed || StoredLayout(connection) == Layout)
                return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.Dispose();
        Generations.Discard(generation);
        return Engine.Open(generation);
    }

    /// <summary>The layout the catalog was written in, or null for one from before layouts were recorded.</summary>
    private static string? StoredLayout(DbConnection connection) =>
        Query(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'settings' AND schema_name = 'main'", r => r.GetInt64(0))[0] > 0
            ? Query(connection, "SELECT max(value) FROM settings WHERE key = 'layout'", r => r.IsDBNull(0) ? null : r.GetString(0))[0]
            : null;

    /// <summary>
    /// Hashes each file, except one whose size and modification time are those recorded when it was last hashed:
    /// re-reading gigabytes of unchanged history on every monthly load was most of its cost.
    /// </summary>
    private List<SourceFile> Inspect(DbConnection connection, List<(string Full, string Relative, SourceFamily Family)> files)
    {
        var known = Query(connection, "SELECT file_path, sha256, size_bytes, encoding, modified_at FROM etl_files WHERE modified_at IS NOT NULL",
                r => (Path: r.GetString(0), Sha: r.GetString(1), Size: r.GetInt64(2), Encoding: r.GetString(3), Modified: r.GetDateTime(4)))
            .ToDictionary(k => k.Path);
        var total = files.Sum(f => new FileInfo(f.Full).Length);
        long done = 0;
        var inspected = new SourceFile?[files.Count];
        var failures = new Exception?[files.Count];
        var toHash = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            var info = new FileInfo(f.Full);
            if (!options.Rehash && known.TryGetValue(f.Relative, out var k) && k.Size == info.Length && k.Modified == FactTables.Microseconds(info.LastWriteTimeUtc))
            {
                inspected[i] = new SourceFile(f.Full, f.Relative, f.Family, k.Sha, k.Size, k.Encoding);
                progress?.Report(new("checking", f.Relative, Interlocked.Add(ref done, info.Length), total));
            }
            else
            {
                toHash.Add(i);
            }
        }
        // Hashing is one core per file (SHA-256 and the text scan): on a full load of gigabytes, the cores side by
        // side halve a step that nothing else overlaps.
        Parallel.ForEach(toHash, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(4, Environment.ProcessorCount) }, i =>
        {
            var f = files[i];
            try
            {
                inspected[i] = SourceFile.Inspect(f.Full, f.Relative, f.Family,
                    n => progress?.Report(new("checking", f.Relative, Interlocked.Add(ref done, n), total)), options);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        // The first bad file in path order is the one reported, as when files were hashed one after another.
        if (failures.FirstOrDefault(e => e is not null) is { } failure)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return inspected.Select(f => f!).ToList();
    }

    private static Reconciliation Reconcile(DbConnection connection)
    {
        var counts = Query(connection, """
            SELECT count(*), count(*) FILTER (status = 'match'), count(*) FILTER (status = 'differs'), count(*) FILTER (status = 'missing')
            FROM reconciliation
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)))[0];
        var problems = Query(connection, """
            SELECT status || ': ' || region_code || ' ' || indicator || ' ' || period || ' published ' || published_value
                   || ', records give ' || coalesce(CAST(round(warehouse_value, 4) AS VARCHAR), 'nothing')
            FROM reconciliation WHERE status <> 'match' ORDER BY region_code, indicator, period
            """, r => r.GetString(0));
        return new Reconciliation((int)counts.Item1, (int)counts.Item2, (int)counts.Item3, (int)counts.Item4, problems);
    }

    private static (List<(string, string, SourceFamily)> Files, List<string> Ignored) Discover(string source)
    {
        var files = new List<(string, string, SourceFamily)>();
        var ignored = new List<string>();
        foreach (var full in SourceFolder.Files(source).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, full).Replace('\\', '/');
            if (Path.GetFileName(relative).StartsWith('.') || relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                continue;
            var family = Families.All.FirstOrDefault(f => f.Matches(relative));
            if (family is null)
                ignored.Add(relative);
            else
                files.Add((full, relative, family));
        }
        var order = Families.All.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i);
        return (files.OrderBy(f => order[f.Item3]).ThenBy(f => f.Item2, StringComparer.Ordinal).ToList(), ignored);
    }

    /// <summary>Runs a statement (timed with ANALYTICS_TRACE=1); ANALYTICS_TRACE_SQL=FILE also appends its SQL there.</summary>
    internal static int Execute(DbConnection connection, string sql)
    {
        var n = Analytics.Warehouse.Storage.DuckSql.Execute(connection, sql);
        if (Environment.GetEnvironmentVariable("ANALYTICS_TRACE_SQL") is { Length: > 0 } dump)
            File.AppendAllText(dump, sql + ";\n-- end\n");
        return n;
    }

    internal static List<T> Query<T>(DbConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> read) =>
        Analytics.Warehouse.Storage.DuckSql.Query(connection, sql, read);
}
