using Analytics.Etl.Sources;
using System.Data.Common;
using Analytics.Warehouse.Storage;
using static Analytics.Etl.Load.Loader;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Loads one family's files that need it: new and changed files, files that depend on a changed file (a duplicate
/// of its rows, or rows checked against a family that changed), and, with --prune, drops files that left the source
/// folder. Files are read in path order, in chunks of bounded size, each chunk validated against the parts already
/// stored, so memory does not grow with the history and loading one file at a time equals loading all at once.
/// </summary>
internal sealed class FamilyLoader(DbConnection connection, FactTables facts, LoadOptions options, RawTable raw, string runId,
    LoadChanges changes, IProgress<LoadProgress>? progress)
{
    private readonly HashSet<string> changedTables = new(StringComparer.Ordinal);
    private int version;
    private bool regionCodesCurrent;

    public List<FileResult> Load(SourceFamily family, List<SourceFile> files)
    {
        var known = Query(connection, $"SELECT file_path, sha256, rows_read, rows_loaded, rows_rejected, encoding FROM etl_files WHERE family = {Lit(family.Name)}",
                r => (Path: r.GetString(0), Sha: r.GetString(1), Read: r.GetInt64(2), Loaded: r.GetInt64(3), Rejected: r.GetInt64(4), Encoding: r.GetString(5)))
            .ToDictionary(k => k.Path, StringComparer.Ordinal);
        var present = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        var results = new List<FileResult>();
        var dependsOnChange = DependsOn(family).Any(changedTables.Contains);

        var queue = new SortedSet<string>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, FileStatus>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!known.TryGetValue(file.RelativePath, out var k))
                statuses[file.RelativePath] = FileStatus.Loaded;
            else if (k.Sha != file.Sha256)
                statuses[file.RelativePath] = FileStatus.Replaced;
            else if (dependsOnChange)
                statuses[file.RelativePath] = FileStatus.Rejudged;
            else
                continue;
            queue.Add(file.RelativePath);
        }
        var gone = known.Keys.Where(p => !present.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        foreach (var path in gone)
        {
            var k = known[path];
            if (options.Prune)
            {
                Drop(family, path);
                results.Add(new FileResult(path, family.Name, k.Encoding, FileStatus.Removed, k.Read, k.Loaded, k.Rejected));
            }
            else
            {
                results.Add(new FileResult(path, family.Name, k.Encoding, FileStatus.Kept, k.Read, k.Loaded, k.Rejected));
            }
        }
        // Rows held back as duplicates of a file that changed or went may now be the first of their key.
        var touched = queue.Concat(options.Prune ? gone : []).ToList();
        if (touched.Count > 0)
        {
            foreach (var dependent in Query(connection, $"""
                         SELECT DISTINCT file_path FROM quarantine
                         WHERE duplicate_of IN ({string.Join(", ", touched.Select(Lit))})
                         """, r => r.GetString(0)))
            {
                if (present.ContainsKey(dependent) && queue.Add(dependent))
                    statuses[dependent] = FileStatus.Rejudged;
            }
        }
        foreach (var path in queue)
            Drop(family, path);

        var done = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var chunk = new List<SourceFile>();
            long bytes = 0;
            foreach (var path in queue)
            {
                var file = present[path];
                if (chunk.Count > 0 && bytes + file.SizeBytes > options.ChunkBytes)
                    break;
                chunk.Add(file);
                bytes += file.SizeBytes;
            }
            foreach (var file in chunk)
                queue.Remove(file.RelativePath);
            progress?.Report(new("loading", $"{family.Name} {chunk[0].RelativePath}", done.Count, done.Count + chunk.Count + queue.Count));
            foreach (var later in LoadChunk(family, chunk))
            {
                // A stored file that sorts after this chunk holds keys the chunk now has first: judge it again.
                Drop(family, later);
                if (queue.Add(later))
                    statuses[later] = FileStatus.Rejudged;
            }
            foreach (var file in chunk)
            {
                done.Add(file.RelativePath);
                var (read, loaded, rejected) = Counts(file.RelativePath);
                results.Add(new FileResult(file.RelativePath, family.Name, file.Encoding, statuses[file.RelativePath], read, loaded, rejected));
            }
        }
        foreach (var file in files.Where(f => !done.Contains(f.RelativePath)))
        {
            var k = known[file.RelativePath];
            results.Add(new FileResult(file.RelativePath, family.Name, file.Encoding, FileStatus.Unchanged, k.Read, k.Loaded, k.Rejected));
        }
        if (done.Count > 0 || (options.Prune && gone.Count > 0))
        {
            changedTables.Add(family.Table);
            if (family == Families.Regions)
                regionCodesCurrent = false;
        }
        facts.DefineView(family.Table);
        return results.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
    }

    /// <summary>Validates one chunk against the stored parts, writes its parts, and returns stored files to re-judge.</summary>
    private List<string> LoadChunk(SourceFamily family, List<SourceFile> chunk)
    {
        if (family.Columns.Any(c => c.Region) && !regionCodesCurrent)
        {
            Execute(connection, ValidationSql.RegionCodes);
            regionCodesCurrent = true;
        }
        raw.CreateBatch(family);
        Execute(connection, ValidationSql.CreateChecked(family));
        using var read = raw.FillBatch(family, chunk, options.AfterFile, ValidationSql.CanCheckWhileReading(family)
            ? source => Execute(connection, ValidationSql.InsertChecked(family, options, source))
            : null);
        if (read.InBatch)
            Execute(connection, ValidationSql.InsertChecked(family, options, ValidationSql.FromBatch(family)));
        var filesRead = Query(connection, ValidationSql.FilesRead, r => (File: r.GetString(0), First: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)));
        Execute(connection, ValidationSql.DefineCheckedRows(filesRead.Where(f => f.First is not null)
            .ToDictionary(f => f.File, f => f.First!.Value, StringComparer.Ordinal)));
        read.EnsureRowsFrom(filesRead.Select(f => f.File).ToHashSet(StringComparer.Ordinal));
        var unreadable = read.Unreadable.ToDictionary(u => u.Key.RelativePath, u => u.Value);
        var keyTypes = facts.KeyTypes(family);
        var range = Query(connection, ValidationSql.KeyRange(family, keyTypes),
            r => r.IsDBNull(0) ? ((string, string)?)null : (r.GetString(0), r.GetString(1))).Single();
        Execute(connection, ValidationSql.KeyHits(family, facts.Parts(family.Table), keyTypes, range));
        var hitParts = Query(connection, "SELECT DISTINCT filename FROM key_hits ORDER BY filename", r => r.GetString(0));
        Execute(connection, ValidationSql.ExistingKeys(family, hitParts, keyTypes));
        Execute(connection, ValidationSql.MarkDuplicates(family));
        var later = Query(connection, ValidationSql.LaterFilesSharingKeys(family), r => r.GetString(0));
        var lackingText = Query(connection, ValidationSql.FilesLackingText, r => r.GetString(0));
        if (lackingText.Count > 0)
        {
            read.Reread(lackingText);
            Execute(connection, ValidationSql.TextFromBatch(family, options));
        }
        Execute(connection, ValidationSql.InsertQuarantine(runId));
        using (var appender = Engine.Appender(connection, "quarantine"))
        {
            foreach (var (file, rows) in unreadable)
            {
                foreach (var u in rows)
                {
                    appender.CreateRow().AppendValue(runId).AppendValue(file).AppendValue(u.Sheet).AppendValue((long?)u.Row)
                        .AppendValue(u.Column).AppendValue(u.Reason).AppendValue(u.RawText).AppendValue((string?)null).EndRow();
                }
            }
        }
        var counts = Query(connection, "SELECT _file, count(*) FILTER (_problem IS NULL), count(*) FILTER (_problem IS NOT NULL) FROM checked GROUP BY _file",
            r => (File: r.GetString(0), Loaded: r.GetInt64(1), Rejected: r.GetInt64(2))).ToDictionary(c => c.File);
        var versions = chunk.ToDictionary(f => f.RelativePath, _ => $"{runId}-{++version:D4}", StringComparer.Ordinal);
        facts.Write(family, versions, changes);
        foreach (var file in chunk)
        {
            var (loaded, rejected) = counts.TryGetValue(file.RelativePath, out var c) ? (c.Loaded, c.Rejected) : (0L, 0L);
            rejected += unreadable[file.RelativePath].Count;
            var modified = FactTables.Microseconds(File.GetLastWriteTimeUtc(file.FullPath));
            Execute(connection, $"""
                INSERT INTO etl_files VALUES ({Lit(file.RelativePath)}, {Lit(family.Name)}, {Lit(file.Sha256)}, {file.SizeBytes},
                  {Lit(file.Encoding)}, {Lit(runId)}, now()::TIMESTAMP, {loaded + rejected}, {loaded}, {rejected},
                  {Lit(modified.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture))}, {Lit(versions[file.RelativePath])})
                """);
        }
        Execute(connection, "DROP VIEW checked_rows; DROP TABLE checked; DROP TABLE key_hits; DROP TABLE existing_keys; DROP TABLE batch; DROP TABLE batch_files;");
        return later.Where(f => !chunk.Any(c => c.RelativePath == f)).ToList();
    }

    private void Drop(SourceFamily family, string path)
    {
        facts.Drop(family.Table, path, changes);
        if (family.MonthColumn is null)
            changes.Whole(family.Table);
        Execute(connection, $"DELETE FROM quarantine WHERE file_path = {Lit(path)}; DELETE FROM etl_files WHERE file_path = {Lit(path)};");
    }

    private (long Read, long Loaded, long Rejected) Counts(string path) =>
        Query(connection, $"SELECT rows_read, rows_loaded, rows_rejected FROM etl_files WHERE file_path = {Lit(path)}",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();

    /// <summary>
    /// The tables a family's rows are checked against: the regions for region columns, and any staging table its
    /// rules name. When one of those changed in this load, every file of the family is judged again.
    /// </summary>
    private static IEnumerable<string> DependsOn(SourceFamily family)
    {
        if (family.Columns.Any(c => c.Region))
            yield return Families.Regions.Table;
        foreach (var other in Families.All.Where(f => f != family))
        {
            if (family.Rules.Any(r => r.BadWhen.Contains(other.Table, StringComparison.Ordinal)))
                yield return other.Table;
        }
    }
}
