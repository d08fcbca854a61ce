using System.Globalization;

namespace Analytics.Api.Audit;

/// <summary>
/// A question to the audit trail as a person asks it, from the command line or the admin endpoint: a month
/// (<c>last</c> or <c>2026-11</c>) or days (<c>from</c>, <c>to</c>, inclusive, China time), a region and a key id.
/// </summary>
public sealed record AuditQuestion(DateTime From, DateTime To, string? Region, string? KeyId)
{
    public static AuditQuestion Parse(string? month, string? from, string? to, string? region, string? keyId, DateTimeOffset now)
    {
        (DateTime, DateTime) range;
        if (month is "last")
            range = AuditTrail.LastMonth(now);
        else if (month is not null)
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                throw new AuditQueryException($"月份应为 last 或 YYYY-MM：{month}");
            range = AuditTrail.Days(first, first.AddMonths(1).AddDays(-1));
        }
        else
        {
            var today = DateOnly.FromDateTime(now.ToOffset(AuditTrail.ChinaOffset).DateTime);
            range = AuditTrail.Days(Day(from, "from") ?? today.AddDays(-30), Day(to, "to") ?? today);
        }
        return new AuditQuestion(range.Item1, range.Item2, string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            string.IsNullOrWhiteSpace(keyId) ? null : keyId.Trim());
    }

    private static DateOnly? Day(string? text, string name) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new AuditQueryException($"{name} 应为 YYYY-MM-DD：{text}");
}
