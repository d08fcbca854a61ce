namespace Analytics.Api.Access;

/// <summary>API keys: where their hashes are kept and which keys exist without the file (section "Access").</summary>
public sealed class AccessOptions
{
    /// <summary>The key file (hashes only). Default: api-keys.json beside the warehouse link, outside the generation files.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A nationwide admin key, normally from the ANALYTICS_ADMIN_KEY environment variable.</summary>
    public string? AdminKey { get; set; }

    /// <summary>A well-known key for local demos (viewer role, nationwide); set in appsettings.Development.json only.</summary>
    public string? DemoKey { get; set; }

    /// <summary>Requests per second each key may make on average.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>How many requests a key may make at once above the average before it gets 429.</summary>
    public int Burst { get; set; } = 200;

    public static string DefaultKeyFile(string warehousePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath))!, "api-keys.json");
}
