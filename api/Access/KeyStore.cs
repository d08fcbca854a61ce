using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Api.Access;

/// <summary>One stored key: never the key itself, only its SHA-256 (keys are 256 random bits, so a fast hash suffices).</summary>
public sealed record StoredKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("compare_outside")] bool CompareOutside = false);

/// <summary>
/// The key file: a JSON array of <see cref="StoredKey"/>. It lives beside the warehouse link, not in a generation
/// file, so loads never replace it. Re-read when its modification time changes, so `keys add` takes effect at once.
/// </summary>
public sealed class KeyStore(string file)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Lock gate = new();
    private Dictionary<string, StoredKey> byHash = new(StringComparer.Ordinal);
    private DateTime loadedStamp = DateTime.MinValue;

    public string File { get; } = Path.GetFullPath(file);

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public StoredKey? Find(string key)
    {
        var hash = Hash(key);
        var stamp = System.IO.File.Exists(File) ? System.IO.File.GetLastWriteTimeUtc(File) : DateTime.MinValue;
        lock (gate)
        {
            if (stamp != loadedStamp)
            {
                byHash = Read().ToDictionary(k => k.Sha256, StringComparer.Ordinal);
                loadedStamp = stamp;
            }
            return byHash.GetValueOrDefault(hash);
        }
    }

    /// <summary>Creates a key, stores its hash and returns the key: the only time it is ever shown.</summary>
    public (string Key, StoredKey Stored) Add(string role, string? region, bool compareOutside = false)
    {
        var key = "ak_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = Hash(key);
        var stored = new StoredKey(hash[..12], hash, role, region, DateTimeOffset.UtcNow, compareOutside);
        lock (gate)
        {
            var keys = Read();
            keys.Add(stored);
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            var temporary = File + ".tmp";
            System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(keys, Json));
            System.IO.File.Move(temporary, File, overwrite: true);
        }
        return (key, stored);
    }

    public List<StoredKey> Read() =>
        System.IO.File.Exists(File)
            ? JsonSerializer.Deserialize<List<StoredKey>>(System.IO.File.ReadAllText(File), Json) ?? []
            : [];
}
