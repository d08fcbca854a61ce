namespace Analytics.Generator;

/// <summary>Fast fixed-format timestamps: the ticket writer formats tens of millions of them.</summary>
internal static class Timestamps
{
    /// <summary>2024-07-03 14:05:00 (or with 'T' as the separator for JSON).</summary>
    public static string Iso(DateTime t, char separator = ' ')
    {
        Span<char> buffer = stackalloc char[19];
        Write4(buffer, 0, t.Year);
        buffer[4] = '-';
        Write2(buffer, 5, t.Month);
        buffer[7] = '-';
        Write2(buffer, 8, t.Day);
        buffer[10] = separator;
        Write2(buffer, 11, t.Hour);
        buffer[13] = ':';
        Write2(buffer, 14, t.Minute);
        buffer[16] = ':';
        Write2(buffer, 17, t.Second);
        return new string(buffer);
    }

    /// <summary>2024/7/3 14:05:00, as Excel on a Chinese Windows writes it.</summary>
    public static string Slashed(DateTime t) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Year}/{t.Month}/{t.Day} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}");

    /// <summary>2024-07-03, or 2024/7/3 when <paramref name="slashed"/>.</summary>
    public static string Date(DateOnly d, bool slashed) =>
        slashed
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d.Year}/{d.Month}/{d.Day}")
            : Iso(d.ToDateTime(TimeOnly.MinValue))[..10];

    private static void Write4(Span<char> buffer, int at, int value)
    {
        Write2(buffer, at, value / 100);
        Write2(buffer, at + 2, value % 100);
    }

    private static void Write2(Span<char> buffer, int at, int value)
    {
        buffer[at] = (char)('0' + value / 10);
        buffer[at + 1] = (char)('0' + value % 10);
    }
}
