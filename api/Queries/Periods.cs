using System.Globalization;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Queries;

/// <summary>The period arithmetic the queries, charts and reports need on the warehouse's period ids (2024-07, 2024-Q3, 2024).</summary>
public static class Periods
{
    /// <summary>The answer to a period that is not <see cref="IsValid"/>.</summary>
    public const string Invalid = "period must look like 2024-07, 2024-Q3 or 2024";

    public static string Grain(string period) =>
        period.Length == 4 ? "year" : period.Length == 7 && period[5] == 'Q' ? "quarter" : "month";

    public static bool IsValid(string period) =>
        period.Length == 4 && int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out _)
        || period.Length == 7 && period[4] == '-' && int.TryParse(period[..4], NumberStyles.None, CultureInfo.InvariantCulture, out _)
           && (period[5] == 'Q' ? period[6] is >= '1' and <= '4'
               : int.TryParse(period[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12);

    /// <summary>The last month of a period: 2024-Q3 → 2024-09, 2024 → 2024-12.</summary>
    public static string LastMonth(string period) => Grain(period) switch
    {
        "year" => period + "-12",
        "quarter" => $"{period[..4]}-{(period[6] - '0') * 3:00}",
        _ => period,
    };

    /// <summary>The month <paramref name="months"/> before <paramref name="month"/> (yyyy-MM).</summary>
    public static string MonthsBefore(string month, int months)
    {
        var date = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-months);
        return date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>The same period a year earlier (同比): 2024-Q3 → 2023-Q3, 2024-07 → 2023-07, 2024 → 2023.</summary>
    public static string YearBefore(string period) =>
        (int.Parse(period[..4], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture) + period[4..];

    /// <summary>The last day of a period.</summary>
    public static DateOnly LastDay(string period)
    {
        var first = DateOnly.ParseExact(LastMonth(period) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return first.AddMonths(1).AddDays(-1);
    }

    /// <summary>The period to read a measure at: its own when the measure has that grain, else the year (staffing is yearly).</summary>
    public static string For(Measure m, string period) =>
        m.Grains.Split(',').Contains(Grain(period)) ? period : period[..4];
}
