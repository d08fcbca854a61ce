using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Warehouse.Operations;

/// <summary>One load attempt as the journal keeps it. Messages name files, rows and columns, never row contents.</summary>
public sealed record LoadAttempt(
    DateTime StartedAt,
    DateTime FinishedAt,
    string Outcome,
    string Trigger,
    string Source,
    double Seconds,
    long RowsRead,
    long RowsLoaded,
    long RowsQuarantined,
    int FilesChanged,
    string? Error,
    LoadProblem? Problem = null)
{
    public const string Committed = "committed";
    public const string Failed = "failed";
    public const string Stopped = "stopped";
}

/// <summary>
/// Why a load failed or stopped, for the workbench's data page: the file, row and column where known, and the reason
/// in Chinese. Like <see cref="LoadAttempt.Error"/> it names places, never row contents.
/// </summary>
public sealed record LoadProblem(string Reason, string? File = null, long? Row = null, string? Column = null);

/// <summary>
/// Every load that changed the warehouse or failed, one JSON line each, in <c>&lt;warehouse&gt;.loads.jsonl</c> beside
/// the link. A failed load leaves no generation behind, so the catalog cannot say it happened: this file does, for
/// the API's metrics and data page and for the person reading the server's files.
/// </summary>
public sealed class LoadJournal(string warehousePath)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string File { get; } = Path.GetFullPath(warehousePath) + ".loads.jsonl";

    public void Append(LoadAttempt attempt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        // One write of one line, with O_APPEND: a reader sees whole lines, and two writers cannot interleave inside one.
        using var stream = new FileStream(File, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var line = JsonSerializer.SerializeToUtf8Bytes(attempt, Json);
        stream.Write([.. line, (byte)'\n']);
    }

    /// <summary>The attempts, oldest first; a line that does not parse (a write cut by a crash) is skipped.</summary>
    public IReadOnlyList<LoadAttempt> Read()
    {
        if (!System.IO.File.Exists(File))
            return [];
        var attempts = new List<LoadAttempt>();
        using var reader = new StreamReader(new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (JsonSerializer.Deserialize<LoadAttempt>(line, Json) is { } attempt)
                    attempts.Add(attempt);
            }
            catch (JsonException)
            {
            }
        }
        return attempts;
    }
}
