using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Api.Audit;

/// <summary>
/// One request as the audit trail keeps it: which key (its id, never the key), role and region scope asked what
/// (route, path and query without the key) and when, the answer's status and rows, and the region codes the request
/// named or the answer held (<see cref="RegionsTruncated"/> when there were more than <see cref="ResponseRows.MaxRegions"/>).
/// </summary>
public sealed record AuditEntry(
    DateTime Time,
    string RequestId,
    string? KeyId,
    string? Role,
    string? Scope,
    string Method,
    string? Route,
    string Path,
    string? Query,
    int Status,
    long? Rows,
    double Milliseconds,
    IReadOnlyList<string> Regions,
    bool RegionsTruncated,
    string? Client)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>Where the audit trail is kept and when its files rotate (section "Audit" of the configuration).</summary>
public sealed class AuditOptions
{
    /// <summary>The folder of <c>audit-YYYY-MM-DD.jsonl</c> files. Default: <c>audit/</c> beside the warehouse link.</summary>
    public string? Folder { get; set; }

    /// <summary>A day's file past this size continues in <c>audit-YYYY-MM-DD.2.jsonl</c>, and so on.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    public static string DefaultFolder(string warehousePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(warehousePath))!, "audit");
}
