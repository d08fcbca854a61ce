namespace Analytics.Forecasting;

/// <summary>
/// The smallest forecast error spread (model scale, one per horizon 1-12) a series can honestly claim, from what is
/// known at the origin. Backtest errors of a flat series are all zero, so conformal intervals built on them collapse to
/// the point and miss the first month that moves; a flat history does not mean a flat future. The floor is the error
/// variance of a local-level model, r (1 + 1/12) + q h: r is the noise of one month around its level (the binomial
/// noise of a rate's empirical logit from its own counts, Poisson noise for a flow count), q the variance of the level's
/// month-to-month moves, estimated from the recent changes as var(Δy) − 2r (the moment equation of that model);
/// the 1/12 is the error of a level estimated from about a year of months, and q h makes the floor widen with horizon.
/// </summary>
internal static class ErrorFloor
{
    private const int RecentMonths = 12;
    private const int RecentWindow = 36;

    /// <summary>The floor for a forecast whose history is the first <paramref name="history"/> months.</summary>
    public static double[] At(MonthlySeries series, int history)
    {
        var noise = Noise(series, history);
        var level = LevelVariance(series.Transformed, history, noise);
        var floor = new double[MonthlySeries.HorizonMax];
        for (var h = 1; h <= floor.Length; h++)
            floor[h - 1] = Math.Sqrt(noise * (1 + 1.0 / RecentMonths) + level * h);
        return floor;
    }

    /// <summary>Variance of one month around its level, on the model scale.</summary>
    private static double Noise(MonthlySeries series, int history)
    {
        var from = Math.Max(0, history - RecentMonths);
        // Snapshots and cumulative totals are stocks, not Poisson arrivals or tickets drawn each month, and so are their
        // ratios (a streamlining rate of 46.2% that has not moved in years); ratios like members per grid neither.
        if (series.Measure.Kind != SeriesKind.Flow)
            return 0;
        if (series.Bounded)
        {
            // Months without counts (a score) carry no sampling noise of their own.
            double sum = 0;
            var count = 0;
            for (var t = from; t < history; t++)
            {
                if (series.SamplingVariance[t] > 0)
                {
                    sum += series.SamplingVariance[t];
                    count++;
                }
            }
            return count > 0 ? sum / count : 0;
        }
        if (series.Measure.Unit != SeriesUnit.Count)
            return 0;
        double mean = 0;
        for (var t = from; t < history; t++)
            mean += series.Observed(t);
        mean /= history - from;
        // A year of zeros still allows an event: the rate is not known to be under about one in (months + 1).
        var lambda = Math.Max(mean, 1.0 / (history - from + 1));
        // Delta method on log1p: Var log(1 + Y) ≈ λ / (1 + λ)².
        return lambda / ((1 + lambda) * (1 + lambda));
    }

    /// <summary>
    /// Variance of the level's monthly moves: what the changes of the last three years show beyond the noise. A seasonal
    /// swing shows up in month-to-month changes but not in changes over 12 months, and a random walk's 12-month change
    /// has 12 times its monthly variance, so with two years the smaller of var(Δ₁) − 2r and (var(Δ₁₂) − 2r) / 12 is
    /// taken: each over-states the level's moves when the other structure is there. Early jumps (a reform's first
    /// months) fall out of the window.
    /// </summary>
    private static double LevelVariance(double[] y, int history, double noise)
    {
        var from = Math.Max(0, history - RecentWindow);
        var monthly = Math.Max(0, ChangeVariance(y, from, history, 1) - 2 * noise);
        if (history - from < 24)
            return monthly;
        return Math.Min(monthly, Math.Max(0, ChangeVariance(y, from, history, 12) - 2 * noise) / 12);
    }

    private static double ChangeVariance(double[] y, int from, int history, int lag)
    {
        var n = history - from - lag;
        if (n < 2)
            return 0;
        double sum = 0, squares = 0;
        for (var t = from + lag; t < history; t++)
        {
            var change = y[t] - y[t - lag];
            sum += change;
            squares += change * change;
        }
        var mean = sum / n;
        return Math.Max(0, squares / n - mean * mean);
    }
}
