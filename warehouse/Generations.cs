namespace Analytics.Warehouse;

/// <summary>
/// The warehouse path is a symbolic link to the current generation file. A load writes a new generation beside
/// it and swaps the link in one rename, so readers see the old state or the new one, never half a load.
/// See docs/decisions/0001-warehouse-generations.md.
/// </summary>
public sealed class Generations(string warehousePath)
{
    public string WarehousePath { get; } = Path.GetFullPath(warehousePath);

    public string Folder => WarehousePath + ".generations";

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

    /// <summary>Starts a generation: a private copy of the current one (or a new file) that only the loader opens.</summary>
    public string Begin()
    {
        Directory.CreateDirectory(Folder);
        var next = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Environment.ProcessId}.duckdb");
        if (Current() is { } current)
            File.Copy(current, next);
        return next;
    }

    /// <summary>Makes <paramref name="generation"/> current with an atomic rename of a fresh link over the old one.</summary>
    public void Publish(string generation, int keep = 3)
    {
        if (File.Exists(WarehousePath) && new FileInfo(WarehousePath).LinkTarget is null)
        {
            // A plain file from before generations existed: keep it as the oldest generation.
            File.Move(WarehousePath, Path.Combine(Folder, "00000000-legacy.duckdb"));
        }
        var relative = Path.GetRelativePath(Path.GetDirectoryName(WarehousePath)!, generation);
        var temporaryLink = WarehousePath + $".link-{Environment.ProcessId}";
        File.Delete(temporaryLink);
        File.CreateSymbolicLink(temporaryLink, relative);
        File.Move(temporaryLink, WarehousePath, overwrite: true);
        Prune(generation, keep);
    }

    /// <summary>Deletes a generation that was never published (a failed load).</summary>
    public static void Discard(string generation)
    {
        File.Delete(generation);
        File.Delete(generation + ".wal");
    }

    private void Prune(string current, int keep)
    {
        // Readers that still hold an older file open keep reading it: unlinking does not close their handle.
        var old = Directory.GetFiles(Folder, "*.duckdb")
            .Where(f => !string.Equals(f, current, StringComparison.Ordinal))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep - 1);
        foreach (var file in old)
            Discard(file);
    }
}
