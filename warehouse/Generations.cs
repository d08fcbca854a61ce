using Analytics.Warehouse.Storage;

namespace Analytics.Warehouse;

/// <summary>
/// The warehouse path is a symbolic link to the current generation: a small catalog file (dimensions, marts,
/// bookkeeping, and views over the fact store's Parquet files). A load writes a new catalog under a temporary name,
/// renames it into place when complete, and swaps the link in one rename, so readers see the old state or the new
/// one, never half a load. See docs/decisions/0001 and 0006.
/// </summary>
public sealed class Generations(string warehousePath)
{
    private const string Extension = ".duckdb";
    private const string Partial = ".partial";
    private const string Manifest = ".parts";

    public string WarehousePath { get; } = Path.GetFullPath(warehousePath);

    public string Folder => WarehousePath + ".generations";

    public FactStore Facts => FactStore.For(WarehousePath);

    /// <summary>The file the link points at now, or null before the first load.</summary>
    public string? Current()
    {
        var info = new FileInfo(WarehousePath);
        if (info.LinkTarget is { } target)
        {
            var resolved = Path.GetFullPath(target, Path.GetDirectoryName(WarehousePath)!);
            return File.Exists(resolved) ? resolved : null;
        }
        return info.Exists ? WarehousePath : null;
    }

    /// <summary>
    /// Starts a generation: a private copy of the current catalog (or nothing, for a first load) under a partial
    /// name that no reader and no later load mistakes for a generation. Partial files a killed load left behind
    /// are deleted first: the caller holds the load lock, so none of them can belong to a running load.
    /// </summary>
    public string Begin()
    {
        Directory.CreateDirectory(Folder);
        foreach (var stale in Directory.EnumerateFiles(Folder, "*" + Partial + "*"))
            File.Delete(stale);
        var next = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Environment.ProcessId}{Extension}{Partial}");
        if (Current() is { } current)
        {
            File.Copy(current, next);
            // The copy's pages are dirty in the page cache, and the load's checkpoint would fsync them all (0.1 s of
            // a month's 3 s at 10M tickets): written back now, while the load reads its files.
            _ = Task.Run(() => FlushToDisk(next));
        }
        return next;
    }

    private static void FlushToDisk(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException)
        {
            // Only an early write-back: the load's own checkpoint still makes the generation durable.
        }
    }

    /// <summary>
    /// Makes <paramref name="partial"/> current: renames it into place, records the fact files it reads, swaps the
    /// link, then deletes what no retained generation needs.
    /// </summary>
    public string Publish(string partial, IEnumerable<string> factFiles, int keep = 3, TimeSpan? grace = null)
    {
        if (File.Exists(WarehousePath) && new FileInfo(WarehousePath).LinkTarget is null)
        {
            // A plain file from before generations existed: keep it as the oldest generation.
            File.Move(WarehousePath, Path.Combine(Folder, "00000000-legacy" + Extension));
        }
        var generation = partial[..^Partial.Length];
        var manifest = generation + Manifest;
        File.WriteAllLines(manifest + Partial, factFiles);
        File.Move(manifest + Partial, manifest, overwrite: true);
        File.Move(partial, generation, overwrite: true);
        var relative = Path.GetRelativePath(Path.GetDirectoryName(WarehousePath)!, generation);
        var temporaryLink = WarehousePath + $".link-{Environment.ProcessId}";
        File.Delete(temporaryLink);
        File.CreateSymbolicLink(temporaryLink, relative);
        File.Move(temporaryLink, WarehousePath, overwrite: true);
        Prune(generation, keep, grace ?? TimeSpan.FromMinutes(2));
        return generation;
    }

    /// <summary>Deletes a generation that was never published (a failed load), and its write-ahead log.</summary>
    public static void Discard(string generation)
    {
        File.Delete(generation);
        File.Delete(generation + ".wal");
    }

    /// <summary>
    /// The files outside its catalog that a published generation reads, relative to <see cref="Facts"/>'s root, from its
    /// manifest; null for a generation from before the fact store (it has no manifest). Backups copy exactly these.
    /// </summary>
    public IReadOnlyList<string>? FilesOf(string generation) =>
        File.Exists(generation + Manifest) ? File.ReadAllLines(generation + Manifest).Where(l => l.Length > 0).ToList() : null;

    /// <summary>Published generations, newest first.</summary>
    public IReadOnlyList<string> Published() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*" + Extension).OrderByDescending(Path.GetFileName, StringComparer.Ordinal).ToList()
            : [];

    private void Prune(string current, int keep, TimeSpan grace)
    {
        // A generation stays while it is one of the newest `keep`, or while it was superseded less than `grace` ago:
        // a request that started on it may still be reading its Parquet files (the API moves to a new generation
        // within a second, and requests time out in seconds).
        var published = Published();
        var retained = new List<string>();
        for (var i = 0; i < published.Count; i++)
        {
            var supersededAt = i == 0 ? DateTime.UtcNow : File.GetLastWriteTimeUtc(published[i - 1]);
            if (i < keep || published[i] == current || DateTime.UtcNow - supersededAt < grace)
                retained.Add(published[i]);
            else
            {
                Discard(published[i]);
                File.Delete(published[i] + Manifest);
            }
        }
        // Fact files written by a killed load, or needed only by deleted generations, go too.
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var generation in retained)
        {
            if (File.Exists(generation + Manifest))
                needed.UnionWith(File.ReadLines(generation + Manifest));
            else
                return; // a generation from before the fact store: its files are not listed, so delete nothing
        }
        Facts.DeleteExcept(needed);
    }
}
