namespace Analytics.Forecasting;

/// <summary>
/// A forecast is read as the middle of what will be seen (the median, which the mean absolute error rewards), and
/// near a bound that is the bound itself. A month's rate is n of d tickets, so a rate whose true value is 99.5% on 20
/// tickets a month shows 100% in 90% of months: a rate's value (the point or a bound) is read as the median of n / d
/// for n ~ Binomial(d, p), d the series' typical denominator at the origin: 100% when p^d ≥ ½, 0% when
/// (1 − p)^d ≥ ½, the value itself otherwise (where the median of n / d is within 1/d of p). A count of events is
/// read the same way at its bound: 0 when a Poisson count of that mean is 0 at least half the time (mean ≤ ln 2), so
/// a township with a whistle every ten months is forecast at 0 a month, not at 0.1 (which misses every month). The maps
/// are monotone, so bounds stay ordered; a count's bounds are whole numbers already. Scores and rates without counts
/// are left alone. Backtests read their forecasts the same way, so the method is chosen on what the user is shown.
/// </summary>
internal static class MedianAtBounds
{
    private static readonly double Ln2 = Math.Log(2);

    /// <param name="denominator">A rate's <see cref="MonthlySeries.TypicalDenominator"/> at the origin.</param>
    public static double Snap(MonthlySeries series, double denominator, double value)
    {
        if (series.Measure.Unit == SeriesUnit.Count && !series.Bounded)
            return value <= Ln2 ? 0 : value;
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
