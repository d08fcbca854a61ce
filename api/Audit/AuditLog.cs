using System.Globalization;
using System.Text.Json;

namespace Analytics.Api.Audit;

/// <summary>
/// Appends audit entries, one JSON line each, to one file per UTC day (<c>audit-YYYY-MM-DD.jsonl</c>, continued in
/// <c>.2.jsonl</c>... past <see cref="AuditOptions.MaxFileBytes"/>). Files are opened for appending only and created
/// readable by the service's user and group alone; nothing here rewrites or deletes them. Each line is written and
/// flushed before the request's response completes, so an entry is on disk for every answer that was sent.
/// </summary>
public sealed class AuditLog(string folder, long maxFileBytes) : IDisposable
{
    private readonly Lock gate = new();
    private FileStream? stream;
    private string? day;
    private int part;

    public string Folder { get; } = Path.GetFullPath(folder);

    public void Append(AuditEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, AuditEntry.Json);
        lock (gate)
        {
            var stamp = entry.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (stream is null || stamp != day || stream.Length + line.Length + 1 > maxFileBytes && stream.Length > 0)
                Rotate(stamp);
            stream!.Write(line);
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
    }

    private void Rotate(string stamp)
    {
        stream?.Dispose();
        if (stamp != day)
            part = 0;
        day = stamp;
        Directory.CreateDirectory(Folder);
        // Past the size limit (or a file that already is): the next part. Parts already on disk are never reopened for writing.
        while (true)
        {
            part++;
            var path = Path.Combine(Folder, FileName(stamp, part));
            if (File.Exists(path) && new FileInfo(path).Length >= maxFileBytes)
                continue;
            var options = new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.Read,
            };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
            stream = new FileStream(path, options);
            return;
        }
    }

    public static string FileName(string day, int part) => part <= 1 ? $"audit-{day}.jsonl" : $"audit-{day}.{part}.jsonl";

    public void Dispose()
    {
        lock (gate)
        {
            stream?.Dispose();
            stream = null;
        }
    }
}
