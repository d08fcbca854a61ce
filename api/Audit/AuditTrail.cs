using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Analytics.Api.Audit;

/// <summary>A region an audit question is about: itself and everything below it, and the regions above it.</summary>
public sealed record AuditRegion(string Code, string Name, IReadOnlySet<string> Subtree, IReadOnlySet<string> Ancestors)
{
    /// <summary>Finds a region by its 12-digit code or its exact name in the warehouse's current generation.</summary>
    public static AuditRegion Find(DuckDBConnection connection, string codeOrName)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, name FROM dim_region WHERE code = $q OR name = $q ORDER BY code";
        command.Parameters.Add(new DuckDBParameter("q", codeOrName));
        var found = new List<(string Code, string Name)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                found.Add((reader.GetString(0), reader.GetString(1)));
        }
        if (found.Count == 0)
            throw new AuditQueryException($"没有这个地区：{codeOrName}（按代码或全称查找）");
        if (found.Count > 1)
            throw new AuditQueryException($"“{codeOrName}”有 {found.Count} 个地区，请用代码：" + string.Join("、", found.Take(20).Select(f => $"{f.Code} {f.Name}")));
        var (code, name) = found[0];
        return new AuditRegion(code, name, Codes(connection, "SELECT code FROM region_closure WHERE ancestor_code = $q", code),
            Codes(connection, "SELECT ancestor_code FROM region_closure WHERE code = $q AND ancestor_code <> code", code));
    }

    private static HashSet<string> Codes(DuckDBConnection connection, string sql, string code)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter("q", code));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            codes.Add(reader.GetString(0));
        return codes;
    }
}

/// <summary>
/// An entry that answers the question. <see cref="Possibly"/>: the answer held more region codes than the trail
/// keeps, from a key whose scope covers the region, so the region may have been among them.
/// </summary>
public sealed record AuditMatch(AuditEntry Entry, bool Possibly);

public sealed class AuditQueryException(string message) : Exception(message);

/// <summary>Reads the audit trail: entries of a time range, of a key, about a region.</summary>
public static class AuditTrail
{
    /// <summary>Dates in questions are days in China (UTC+8), as the office counts them.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The calendar month before <paramref name="now"/>, in China, as a UTC range [from, to).</summary>
    public static (DateTime From, DateTime To) LastMonth(DateTimeOffset now)
    {
        var local = now.ToOffset(ChinaOffset);
        var first = new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, ChinaOffset);
        return (first.AddMonths(-1).UtcDateTime, first.UtcDateTime);
    }

    /// <summary>Days in China, inclusive, as a UTC range [from, to).</summary>
    public static (DateTime From, DateTime To) Days(DateOnly first, DateOnly last) =>
        (new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), ChinaOffset).UtcDateTime,
         new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).UtcDateTime);

    public static IEnumerable<AuditMatch> Search(string folder, DateTime from, DateTime to, AuditRegion? region, string? keyId)
    {
        if (!Directory.Exists(folder))
            yield break;
        var files = Directory.EnumerateFiles(folder, "audit-*.jsonl")
            .Select(f => (File: f, Day: DayOf(f)))
            .Where(f => f.Day is { } d && d >= DateOnly.FromDateTime(from) && d <= DateOnly.FromDateTime(to))
            .OrderBy(f => f.Day).ThenBy(f => f.File.Length).ThenBy(f => f.File, StringComparer.Ordinal);
        foreach (var (file, _) in files)
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
                AuditEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<AuditEntry>(line, AuditEntry.Json);
                }
                catch (JsonException)
                {
                    continue; // a line cut by a crash
                }
                if (entry is null || entry.Time < from || entry.Time >= to || keyId is not null && entry.KeyId != keyId)
                    continue;
                if (region is null)
                    yield return new AuditMatch(entry, false);
                else if (About(entry, region) is { } possibly)
                    yield return new AuditMatch(entry, possibly);
            }
        }
    }

    /// <summary>False: the entry is about the region; true: it may be; null: it is not.</summary>
    private static bool? About(AuditEntry entry, AuditRegion region)
    {
        // A key scoped inside the region sees only the region's data; codes the request named or the answer held.
        if (entry.Scope is { } scope && region.Subtree.Contains(scope) || entry.Regions.Any(region.Subtree.Contains))
            return false;
        var covers = entry.Scope is null || region.Ancestors.Contains(entry.Scope);
        return entry.RegionsTruncated && covers ? true : null;
    }

    private static DateOnly? DayOf(string file)
    {
        var name = Path.GetFileName(file);
        return name.Length >= 16 && DateOnly.TryParseExact(name.AsSpan(6, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;
    }
}
