using System.Globalization;
using Analytics.Etl.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;
using DuckDB.NET.Data;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// One load: copies the current generation, replaces the rows of every new or changed file, rebuilds core and marts,
/// reconciles with published figures, and only then publishes the new generation. Any failure discards it.
/// </summary>
public sealed class Loader(LoadOptions options, IProgress<LoadProgress>? progress = null)
{
    public LoadResult Run()
    {
        if (!Directory.Exists(options.Source))
            throw new LoadException(options.Source, "the source folder does not exist");
        var (files, ignored) = Discover(options.Source);
        var generations = new Generations(options.Warehouse);
        using var exclusive = LockWarehouse(generations);
        var runId = $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var generation = generations.Begin();
        try
        {
            var result = LoadInto(generation, files, ignored, runId);
            if (result.Published)
                generations.Publish(generation);
            else
                Generations.Discard(generation);
            return result;
        }
        catch
        {
            Generations.Discard(generation);
            throw;
        }
    }

    /// <summary>
    /// Two loads at once would both copy the same generation and the last to publish would drop the other's rows:
    /// the second one fails at once instead. The OS releases the lock if the process dies.
    /// </summary>
    private static FileStream LockWarehouse(Generations generations)
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

    private LoadResult LoadInto(string generation, List<(string Full, string Relative, SourceFamily Family)> files, List<string> ignored, string runId)
    {
        var tempFolder = generation + ".tmp";
        Directory.CreateDirectory(tempFolder);
        try
        {
            using var connection = new DuckDBConnection($"Data Source={generation}");
            connection.Open();
            Execute(connection, $"SET memory_limit = '1500MB'; SET temp_directory = {Lit(tempFolder)}; SET preserve_insertion_order = true;");
            foreach (var script in SqlScripts.Layer("meta").Concat(SqlScripts.Layer("staging")))
                Execute(connection, SqlScripts.Get(script));
            Execute(connection, $"INSERT INTO etl_runs (run_id, started_at, source_dir) VALUES ({Lit(runId)}, now()::TIMESTAMP, {Lit(options.Source)})");

            var raw = new RawTable(connection, Salt.For(options.Warehouse), tempFolder, options);
            var total = files.Sum(f => new FileInfo(f.Full).Length);
            long done = 0;
            var inspected = files
                .Select(f => SourceFile.Inspect(f.Full, f.Relative, f.Family, n => progress?.Report(new("checking", f.Relative, done += n, total)), options))
                .ToList();
            var results = new List<FileResult>();
            foreach (var (family, i) in Families.All.Select((f, i) => (f, i)))
            {
                progress?.Report(new("loading", family.Name, i, Families.All.Count));
                results.AddRange(LoadFamily(connection, raw, family, inspected.Where(f => f.Family == family).ToList(), runId));
            }
            if (!options.Rebuild && results.All(r => r.Status == FileStatus.Unchanged))
                return new LoadResult(runId, false, options.Warehouse, results, ignored, [], null);

            BuildModel(connection);
            var reconciliation = Reconcile(connection);
            Execute(connection, $"""
                UPDATE etl_runs SET finished_at = now()::TIMESTAMP,
                  files_loaded = {results.Count(r => r.Status != FileStatus.Unchanged)},
                  files_skipped = {results.Count(r => r.Status == FileStatus.Unchanged)},
                  rows_loaded = {results.Sum(r => r.Loaded)}, rows_rejected = {results.Sum(r => r.Rejected)}
                WHERE run_id = {Lit(runId)}
                """);
            var rejected = Query(connection, $"""
                SELECT file_path, sheet, row_number, column_name, reason FROM quarantine
                WHERE run_id = {Lit(runId)} ORDER BY file_path, sheet, row_number LIMIT 20
                """, r => new QuarantineSample(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
            Execute(connection, "CHECKPOINT");
            return new LoadResult(runId, true, options.Warehouse, results, ignored, rejected, reconciliation);
        }
        finally
        {
            Directory.Delete(tempFolder, recursive: true);
        }
    }

    /// <summary>
    /// Loads every new or changed file of one family as one batch: one validation pass, one insert, whatever the
    /// number of files. Unchanged files (same path, same sha256) are left as they are.
    /// </summary>
    private List<FileResult> LoadFamily(DuckDBConnection connection, RawTable raw, SourceFamily family, List<SourceFile> files, string runId)
    {
        var results = new List<FileResult>();
        var known = Query(connection, $"SELECT file_path, sha256, rows_read, rows_loaded, rows_rejected FROM etl_files WHERE family = {Lit(family.Name)}",
            r => (Path: r.GetString(0), Sha: r.GetString(1), Read: r.GetInt64(2), Loaded: r.GetInt64(3), Rejected: r.GetInt64(4)))
            .ToDictionary(k => k.Path);
        var changed = new List<SourceFile>();
        foreach (var file in files)
        {
            if (known.TryGetValue(file.RelativePath, out var k) && k.Sha == file.Sha256)
                results.Add(new FileResult(file.RelativePath, family.Name, file.Encoding, FileStatus.Unchanged, k.Read, k.Loaded, k.Rejected));
            else
                changed.Add(file);
        }
        if (changed.Count == 0)
            return results;

        // A corrected file replaces everything its earlier version loaded.
        var paths = string.Join(", ", changed.Select(f => Lit(f.RelativePath)));
        Execute(connection, $"""
            DELETE FROM {family.Table} WHERE _file IN ({paths});
            DELETE FROM quarantine WHERE file_path IN ({paths});
            DELETE FROM etl_files WHERE file_path IN ({paths});
            """);
        var unreadable = raw.FillBatch(family, changed, options.AfterFile)
            .ToDictionary(u => u.Key.RelativePath, u => u.Value);
        Execute(connection, ValidationSql.Checked(family, options));
        Execute(connection, ValidationSql.InsertStaging(family));
        Execute(connection, ValidationSql.InsertQuarantine(family, runId, options));
        using (var appender = connection.CreateAppender("quarantine"))
        {
            foreach (var (file, rows) in unreadable)
            {
                foreach (var u in rows)
                {
                    appender.CreateRow().AppendValue(runId).AppendValue(file).AppendValue(u.Sheet).AppendValue((long?)u.Row)
                        .AppendValue(u.Column).AppendValue(u.Reason).AppendValue(u.RawText).EndRow();
                }
            }
        }
        var counts = Query(connection, "SELECT _file, count(*) FILTER (_problem IS NULL), count(*) FILTER (_problem IS NOT NULL) FROM checked GROUP BY _file",
            r => (File: r.GetString(0), Loaded: r.GetInt64(1), Rejected: r.GetInt64(2))).ToDictionary(c => c.File);
        Execute(connection, "DROP TABLE checked; DROP TABLE batch; DROP TABLE batch_files;");
        foreach (var file in changed)
        {
            var (loaded, rejected) = counts.TryGetValue(file.RelativePath, out var c) ? (c.Loaded, c.Rejected) : (0L, 0L);
            rejected += unreadable[file.RelativePath].Count;
            Execute(connection, $"""
                INSERT INTO etl_files VALUES ({Lit(file.RelativePath)}, {Lit(family.Name)}, {Lit(file.Sha256)}, {file.SizeBytes},
                  {Lit(file.Encoding)}, {Lit(runId)}, now()::TIMESTAMP, {loaded + rejected}, {loaded}, {rejected})
                """);
            var status = known.ContainsKey(file.RelativePath) ? FileStatus.Replaced : FileStatus.Loaded;
            results.Add(new FileResult(file.RelativePath, family.Name, file.Encoding, status, loaded + rejected, loaded, rejected));
        }
        return results.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    private void BuildModel(DuckDBConnection connection)
    {
        var (w1, w2, w3) = options.CompositeWeights;
        var settings = new Dictionary<string, string>
        {
            ["response_limit_hours"] = options.ResponseLimitHours.ToString(CultureInfo.InvariantCulture),
            ["count_basic_satisfied"] = options.CountBasicSatisfied ? "true" : "false",
            ["weight_response"] = w1.ToString(CultureInfo.InvariantCulture),
            ["weight_resolution"] = w2.ToString(CultureInfo.InvariantCulture),
            ["weight_satisfaction"] = w3.ToString(CultureInfo.InvariantCulture),
        };
        Execute(connection, "DELETE FROM settings;" + string.Concat(settings.Select(s =>
            $"INSERT INTO settings VALUES ({Lit(s.Key)}, {Lit(s.Value)}); SET VARIABLE {s.Key} = {s.Value};")));
        Execute(connection, "DELETE FROM dim_measure");
        using (var appender = connection.CreateAppender("dim_measure"))
        {
            foreach (var m in MeasureCatalog.All)
            {
                appender.CreateRow().AppendValue(m.Id).AppendValue(m.NameZh).AppendValue(m.NameEn).AppendValue(m.Definition)
                    .AppendValue(m.Unit.ToString().ToLowerInvariant()).AppendValue(m.Kind.ToString().ToLowerInvariant())
                    .AppendValue(m.Family).AppendValue(m.HigherIsBetter).AppendValue(m.Grains).EndRow();
            }
        }
        var scripts = SqlScripts.Layer("core").Concat(SqlScripts.Layer("marts")).ToList();
        foreach (var (script, i) in scripts.Select((s, i) => (s, i)))
        {
            progress?.Report(new("building", script, i, scripts.Count));
            try
            {
                Execute(connection, SqlScripts.Get(script));
            }
            catch (DuckDBException e)
            {
                throw new InvalidOperationException($"warehouse script {script} failed: {e.Message}", e);
            }
        }
    }

    private static Reconciliation Reconcile(DuckDBConnection connection)
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

    private static readonly bool Trace = Environment.GetEnvironmentVariable("ANALYTICS_TRACE") == "1";

    internal static int Execute(DuckDBConnection connection, string sql)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var n = command.ExecuteNonQuery();
        if (Trace)
            Console.Error.WriteLine($"[trace] {watch.Elapsed.TotalMilliseconds,8:N0} ms  {sql.Split('\n')[0].Trim()}");
        if (Environment.GetEnvironmentVariable("ANALYTICS_TRACE_SQL") is { Length: > 0 } dump)
            File.AppendAllText(dump, sql + ";\n-- end\n");
        return n;
    }

    internal static List<T> Query<T>(DuckDBConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }
}
