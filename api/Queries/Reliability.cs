using Analytics.Warehouse.Measures;

namespace Analytics.Api.Queries;

/// <summary>
/// How far a rate can be trusted: its Wilson 95% interval and whether its denominator reaches the minimum for ranking.
/// A street with 10 tickets a month swings between 80% and 100% by one ticket; its rank says nothing. Computed here,
/// in one place, from the numerator and denominator every surface already has.
/// </summary>
public static class Reliability
{
    /// <summary>The load's setting <c>min_denominator</c> when the warehouse has one; otherwise this.</summary>
    public const int DefaultMinDenominator = 30;

    private const double Z = 1.959963984540054;

    /// <summary>
    /// Wilson bounds for a share n/d with 0 ≤ n ≤ d and d &gt; 0 (null otherwise: counts, scores, ratios that exceed 1);
    /// reliable when there is no denominator or it reaches <paramref name="minDenominator"/>. Only flows are samples
    /// (this month's tickets stand for the service): a streamlining rate counts every body of a township, so it has no
    /// sampling error however few bodies there are.
    /// </summary>
    public static (double? Low, double? High, bool Reliable) Of(Measure measure, long? numerator, long? denominator, int minDenominator)
    {
        // The same rule as the marts' low, high and reliable columns (marts/04_measure_values.sql): only a share of
        // events (0 <= n <= d) is a sample; an average such as powers per township is not.
        if (denominator is not { } d || numerator is not { } n || measure.Kind != MeasureKind.Flow || !measure.IsRate || d <= 0 || n < 0 || n > d)
            return (null, null, true);
        var reliable = d >= minDenominator;
        var p = (double)n / d;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * d)) / (1 + z2 / d);
        var half = Z / (1 + z2 / d) * Math.Sqrt(p * (1 - p) / d + z2 / (4.0 * d * d));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half), reliable);
    }
}
