using Analytics.Etl.Load;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using static Analytics.Warehouse.Storage.DuckSql;

namespace Analytics.Etl.Backup;

/// <summary>
/// Copies the current generation (its catalog and every file its manifest lists) to a folder, and puts such a copy
/// back as the current generation. Both hold the load lock, so no load can publish or prune while they run; the API
/// keeps serving, since published generations and their files are never changed. Only the Generations API and the
/// manifest say what a generation needs: a new kind of file there is backed up without changes here.
/// </summary>
public static class WarehouseBackup
{
    public static BackupManifest Create(string warehousePath, string target, TextWriter? log = null)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new BackupException($"{target} exists and is not empty: back up into a new folder");
        var generations = new Generations(warehousePath);
        using var exclusive = Lock(generations);
        var current = generations.Current()
            ?? throw new BackupException($"no warehouse at {generations.WarehousePath}: nothing to back up");
        var files = generations.FilesOf(current)
            ?? throw new BackupException($"{current} has no manifest of its files (a warehouse from before the fact store): load it again first");

        // Written under a temporary name and renamed when complete, so a backup cut short is never taken for one.
        var partial = target + ".partial";
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var catalog = BackupManifest.Copy(current, Path.Combine(partial, BackupManifest.CatalogName), BackupManifest.CatalogName);
        var facts = new List<BackupFile>(files.Count);
        foreach (var relative in files)
        {
            var inBackup = BackupManifest.FactsFolder + "/" + relative;
            facts.Add(BackupManifest.Copy(generations.Facts.FullPath(relative), Path.Combine(partial, inBackup), inBackup));
        }
        var salt = CopyIfPresent(Salt.FileFor(warehousePath), partial, BackupManifest.SaltName);
        var keys = CopyIfPresent(KeyFile(warehousePath), partial, BackupManifest.KeysName);
        var manifest = new BackupManifest(1, DateTime.UtcNow, generations.WarehousePath, generations.Facts.Root,
            Path.GetFileName(current), catalog, facts, salt, keys);
        manifest.Write(partial);
        if (Directory.Exists(target))
            Directory.Delete(target);
        Directory.Move(partial, target);
        log?.WriteLine($"backup: {Path.GetFileName(current)} and {facts.Count} fact files ({Bytes(facts.Sum(f => f.Bytes) + catalog.Bytes)}) in {target}");
        return manifest;
    }

    /// <summary>
    /// Makes the backup in <paramref name="source"/> the current generation of <paramref name="warehousePath"/>
    /// (the same path or another). Every file is checked against its SHA-256 before anything changes.
    /// </summary>
    public static string Restore(string source, string warehousePath, TextWriter? log = null)
    {
        source = Path.GetFullPath(source);
        var manifest = BackupManifest.Read(source);
        foreach (var file in manifest.Facts.Append(manifest.Catalog).Concat(new[] { manifest.Salt, manifest.Keys }.OfType<BackupFile>()))
        {
            var path = Path.Combine(source, file.Path);
            if (!File.Exists(path))
                throw new BackupException($"{file.Path} is missing from the backup {source}; nothing was restored");
            if (new FileInfo(path).Length != file.Bytes || BackupManifest.Sha256Of(path) != file.Sha256)
                throw new BackupException($"{file.Path} in the backup {source} is damaged (its SHA-256 differs from backup.json); nothing was restored");
        }

        var generations = new Generations(warehousePath);
        Directory.CreateDirectory(Path.GetDirectoryName(generations.WarehousePath)!);
        using var exclusive = Lock(generations);
        var relativeFacts = new List<string>();
        foreach (var file in manifest.Facts)
        {
            var relative = file.Path[(BackupManifest.FactsFolder.Length + 1)..];
            relativeFacts.Add(relative);
            var target = generations.Facts.FullPath(relative);
            if (File.Exists(target))
            {
                // Fact files are never changed once written: one already here with this name must be this file.
                if (BackupManifest.Sha256Of(target) != file.Sha256)
                    throw new BackupException($"{target} exists and differs from the backup's copy; nothing was restored");
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".restoring";
            File.Copy(Path.Combine(source, file.Path), temporary, overwrite: true);
            File.Move(temporary, target);
        }

        var generation = generations.Begin();
        try
        {
            File.Copy(Path.Combine(source, manifest.Catalog.Path), generation, overwrite: true);
            if (!string.Equals(manifest.FactsRoot, generations.Facts.Root, StringComparison.Ordinal))
                RepointViews(generation, manifest.FactsRoot, generations.Facts.Root);
            RestoreBeside(source, manifest.Salt, Salt.FileFor(warehousePath), log);
            RestoreBeside(source, manifest.Keys, KeyFile(warehousePath), log);
            var published = generations.Publish(generation, relativeFacts);
            log?.WriteLine($"restore: {manifest.Generation} (backed up {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC) is now the current generation of {generations.WarehousePath}");
            return published;
        }
        catch
        {
            Generations.Discard(generation);
            throw;
        }
    }

    /// <summary>The catalog's views name the fact store by absolute path: a restore elsewhere points them at the new one.</summary>
    private static void RepointViews(string catalog, string from, string to)
    {
        using var connection = new DuckDBConnection($"Data Source={catalog}");
        connection.Open();
        var views = Query(connection, "SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal",
            r => (Schema: r.GetString(0), Name: r.GetString(1), Sql: r.GetString(2)));
        foreach (var view in views.Where(v => v.Sql.Contains(from, StringComparison.Ordinal)))
        {
            var sql = view.Sql.Replace(from + "/", to + "/", StringComparison.Ordinal);
            var start = sql.IndexOf("CREATE VIEW", StringComparison.OrdinalIgnoreCase);
            if (start < 0)
                throw new BackupException($"view {view.Name} of the backup has an unexpected definition; restore to {from} instead");
            Execute(connection, "CREATE OR REPLACE VIEW" + sql[(start + "CREATE VIEW".Length)..]);
        }
        Execute(connection, "CHECKPOINT");
    }

    private static void RestoreBeside(string source, BackupFile? file, string target, TextWriter? log)
    {
        if (file is null)
            return;
        var from = Path.Combine(source, file.Path);
        if (File.Exists(target))
        {
            if (BackupManifest.Sha256Of(target) == file.Sha256)
                return;
            File.Copy(target, target + ".before-restore", overwrite: true);
            log?.WriteLine($"restore: replaced {target} with the backup's (the previous one is kept as {Path.GetFileName(target)}.before-restore)");
        }
        File.Copy(from, target, overwrite: true);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static BackupFile? CopyIfPresent(string path, string folder, string name) =>
        File.Exists(path) ? BackupManifest.Copy(path, Path.Combine(folder, name), name) : null;

    /// <summary>The API's default key file (hashes only), beside the warehouse link.</summary>
    private static string KeyFile(string warehousePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath))!, "api-keys.json");

    private static FileStream Lock(Generations generations)
    {
        try
        {
            return Loader.LockWarehouse(generations);
        }
        catch (LoadException)
        {
            throw new BackupException($"a load is running into {generations.WarehousePath}; try again when it has finished");
        }
    }

    private static string Bytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1024.0 * 1024):0.0} MB" : $"{bytes / 1024.0:0.0} KB";
}
