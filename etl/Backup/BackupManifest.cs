using System.Security.Cryptography;
using System.Text.Json;

namespace Analytics.Etl.Backup;

/// <summary>One copied file: its path inside the backup folder, size and SHA-256.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// <c>backup.json</c>, written last into a backup folder: what was copied from where. <see cref="FactsRoot"/> is the
/// fact store the catalog's views named, so a restore to another path can re-point them.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTime CreatedAt,
    string Warehouse,
    string FactsRoot,
    string Generation,
    BackupFile Catalog,
    IReadOnlyList<BackupFile> Facts,
    BackupFile? Salt,
    BackupFile? Keys)
{
    public const string FileName = "backup.json";
    public const string CatalogName = "catalog.duckdb";
    public const string FactsFolder = "facts";
    public const string SaltName = "phone.salt";
    public const string KeysName = "api-keys.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Write(string folder) => File.WriteAllText(System.IO.Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    public static BackupManifest Read(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new BackupException($"{folder} is not a complete backup: it has no {FileName} (an interrupted backup never gets one)");
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json)
                ?? throw new BackupException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new BackupException($"{path} is not a backup manifest: {e.Message}");
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (new file) and hashes what it wrote.</summary>
    public static BackupFile Copy(string source, string target, string relative)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20))
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
            output.Flush(flushToDisk: true);
        }
        return new BackupFile(relative, new FileInfo(target).Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A backup or restore that cannot go on; the warehouse is unchanged.</summary>
public sealed class BackupException(string message) : Exception(message);
