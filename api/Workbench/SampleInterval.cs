namespace Analytics.Api.Workbench;

/// <summary>
/// How far a rate can be trusted: the Wilson 95% score interval of numerator / denominator and a small-sample flag.
/// The one place the workbench computes them, until measure_values carries low, high and reliable itself.
/// </summary>
public static class SampleInterval
{
    /// <summary>Below this many cases in the denominator a rate is marked as resting on a small sample.</summary>
    public const long SmallSample = 30;

    private const double Z = 1.959963984540054;

    /// <summary>
    /// The interval and flag for a value with this numerator and denominator. Only a proportion has a Wilson interval
    /// (0 ≤ numerator ≤ denominator, denominator > 0); counts and ratios such as members per grid get none.
    /// </summary>
    public static (double? Low, double? High, bool Small) Of(long? numerator, long? denominator)
    {
        if (denominator is not { } n || numerator is not { } k)
            return (null, null, false);
        var small = n < SmallSample;
        if (n <= 0 || k < 0 || k > n)
            return (null, null, small);
        var p = (double)k / n;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half), small);
    }
}
