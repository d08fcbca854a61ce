namespace Analytics.Forecasting;

/// <summary>
/// Prediction intervals from backtest errors on the model scale: a spread per horizon (root mean square of the errors
/// at that horizon and its neighbours, never narrower than a shorter horizon's) and, for the 80% and 95% levels, the
/// quantile of the errors standardised by that spread, pooled over horizons. Pooling gives enough errors for a 95%
/// quantile on a few years of months; the empirical quantile keeps the heavy tails of sparse counts.
/// A half-width is never narrower than the floor's: the <see cref="ErrorFloor"/> times a multiplier per level. Without the
/// floor a flat history (all errors zero) gave an interval of width zero. The multiplier is the same conformal quantile
/// of the errors, each standardised by the floor at its own origin, capped at the Gaussian one: the floor is a
/// local-level model, and on seasonal or smooth series its Gaussian 80% width covered about 92% of what came. Errors
/// that are mostly exact zeros (a flat or a discrete series) cannot size the floor, so there the Gaussian one stands.
/// Too few errors leave the Gaussian floor alone.
/// </summary>
internal sealed class Intervals
{
    private const int MinimumErrors = 10;
    private const double Z80 = 1.2816;
    private const double Z95 = 1.9600;
    private readonly double[]? spread;
    private readonly double q80;
    private readonly double q95;
    private readonly double[] floor;
    private readonly double floor80;
    private readonly double floor95;

    private Intervals(double[]? spread, double q80, double q95, double[] floor, double floor80 = Z80, double floor95 = Z95)
    {
        this.spread = spread;
        this.q80 = q80;
        this.q95 = q95;
        this.floor = floor;
        this.floor80 = floor80;
        this.floor95 = floor95;
    }

    /// <summary>Whether backtest errors were enough to calibrate (otherwise only the floor stands).</summary>
    public bool Calibrated => spread is not null;

    public double HalfWidth(int step, double level)
    {
        var index = Math.Min(step, MonthlySeries.HorizonMax) - 1;
        var fromFloor = floor[index] * (level >= 0.95 ? floor95 : floor80);
        return spread is null ? fromFloor : Math.Max(fromFloor, spread[index] * (level >= 0.95 ? q95 : q80));
    }

    /// <param name="errors">Backtest errors known at the origin.</param>
    /// <param name="floor">The <see cref="ErrorFloor"/> at the same origin.</param>
    /// <param name="floorAt">The floor at an earlier origin (the months before it), to standardise that origin's errors.</param>
    public static Intervals Calibrate(IReadOnlyList<BacktestForecast> errors, double[] floor, Func<int, double[]> floorAt)
    {
        if (errors.Count < MinimumErrors)
            return new Intervals(null, 0, 0, floor);
        var sums = new double[MonthlySeries.HorizonMax + 2];
        var counts = new int[MonthlySeries.HorizonMax + 2];
        foreach (var e in errors)
        {
            sums[e.Step] += e.Error * e.Error;
            counts[e.Step]++;
        }
        var overall = Math.Sqrt(errors.Average(e => e.Error * e.Error));
        var spread = new double[MonthlySeries.HorizonMax];
        for (var step = 1; step <= MonthlySeries.HorizonMax; step++)
        {
            double s = 0;
            var c = 0;
            for (var near = step - 1; near <= step + 1; near++)
            {
                s += sums[near];
                c += counts[near];
            }
            // Horizons the backtest never reached grow from the last one reached like a random walk.
            var value = c > 0 ? Math.Sqrt(s / c) : spread[step - 2] * Math.Sqrt(step / (step - 1.0));
            spread[step - 1] = Math.Max(step > 1 ? spread[step - 2] : 0, Math.Max(value, 1e-3 * Math.Max(overall, 1e-3)));
        }
        var standardised = errors.Select(e => Math.Abs(e.Error) / spread[e.Step - 1]).Order().ToArray();
        var (floor80, floor95) = FloorMultipliers(errors, floorAt);
        var q80 = Quantile(standardised, 0.80);
        return new Intervals(spread, q80, NoLighterThanGaussian(Quantile(standardised, 0.95), q80), floor, floor80, floor95);
    }

    /// <summary>
    /// The floor's multipliers for 80% and 95% from the errors standardised by the floor of their own origin, so only
    /// what was known there is used; the Gaussian ones when most errors are exact zeros or the floor is zero.
    /// </summary>
    private static (double Floor80, double Floor95) FloorMultipliers(IReadOnlyList<BacktestForecast> errors, Func<int, double[]> floorAt)
    {
        var ratios = new List<double>(errors.Count);
        var zeros = 0;
        foreach (var e in errors)
        {
            var f = floorAt(e.Train)[e.Step - 1];
            // A mean of a constant is off it by rounding only: that is no error either.
            if (Math.Abs(e.Error) < 1e-9)
                zeros++;
            if (f > 0)
                ratios.Add(Math.Abs(e.Error) / f);
        }
        if (ratios.Count < MinimumErrors || zeros * 2 > errors.Count)
            return (Z80, Z95);
        var sorted = ratios.Order().ToArray();
        var floor80 = Math.Min(Z80, Quantile(sorted, 0.80));
        return (floor80, Math.Min(Z95, NoLighterThanGaussian(Quantile(sorted, 0.95), floor80)));
    }

    /// <summary>
    /// A 95% quantile no smaller than the 80% one stretched as a Gaussian tail would be. The 95% quantile of a few dozen
    /// overlapping backtest errors comes from their two or three largest, so it is often too small; a forecast error's
    /// tail is seldom lighter than Gaussian. Without this, Poisson counts around a flat level got 92% from the 95% interval.
    /// </summary>
    private static double NoLighterThanGaussian(double q95, double q80) => Math.Max(q95, q80 * Z95 / Z80);

    /// <summary>The split-conformal quantile: the ⌈(n + 1) p⌉-th smallest, the largest when that is past the end.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling((sorted.Length + 1) * p);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
