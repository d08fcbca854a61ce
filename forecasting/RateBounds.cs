namespace Analytics.Forecasting;

/// <summary>
/// A month's rate is n of d tickets, so a rate whose true value is 99.5% on 20 tickets a month shows 100% in 90% of
/// months: the middle of what will be seen is 100%, not 99.5%. A forecast value (the point or a bound) is therefore read
/// as the median of n / d for n ~ Binomial(d, p), d the series' typical denominator at the origin, near the bounds:
/// 100% when p^d ≥ ½, 0% when (1 − p)^d ≥ ½, the value itself otherwise (where the median of n / d is within 1/d
/// of p). The map is monotone, so bounds stay ordered, and an interval whose upper bound is that likely to be
/// 100% reaches 100%. Scores and rates without counts are left alone.
/// </summary>
internal static class RateBounds
{
    public static double Snap(MonthlySeries series, double denominator, double value)
    {
        if (!series.Bounded || denominator <= 0)
            return value;
        var p = Math.Clamp(value / series.Maximum, 0, 1);
        if (Math.Pow(p, denominator) >= 0.5)
            return series.Maximum;
        if (Math.Pow(1 - p, denominator) >= 0.5)
            return 0;
        return value;
    }
}
