namespace Analytics.Forecasting;

/// <summary>
/// Prediction intervals calibrated on backtest out-of-sample errors (<see cref="CalibrationErrors"/>), as the bounds
/// are read. Each backtest forecast has a <see cref="BacktestForecast.Distance"/>: the smallest model-scale half-width
/// whose bounds, read as the user sees them (whole counts, a rate on its own scale), hold the actual month. Divided
/// by a spread per horizon (root mean square of the errors at that horizon and its neighbours, never narrower than a
/// shorter horizon's), these are pooled per horizon band (1-3, 4-6, 7-12 months) and the band's 80% and 95%
/// split-conformal quantiles are the multipliers; a band with too few errors takes the quantile of all of them. Model-based widths (a
/// Gaussian on the spread, widened to hold the level afterwards) held 88-96% at 80% on the moving series of the
/// samples. Errors that are mostly exact zeros (a series that was flat at most origins) cannot size an interval, and a
/// flat past does not promise a flat future: there the <see cref="ErrorFloor"/> with Gaussian multipliers stands under
/// the calibrated width. Too few errors leave the floor alone.
/// </summary>
internal sealed class Intervals
{
    private const int MinimumErrors = 10;
    private const int MinimumBandErrors = 12;
    private const double Z80 = 1.2816;
    private const double Z95 = 1.9600;
    private readonly double[] half80;
    private readonly double[] half95;

    private Intervals(bool calibrated, double[] half80, double[] half95)
    {
        Calibrated = calibrated;
        this.half80 = half80;
        this.half95 = half95;
    }

    /// <summary>Whether backtest errors were enough to calibrate (otherwise only the floor stands).</summary>
    public bool Calibrated { get; }

    public double HalfWidth(int step, double level)
    {
        var index = Math.Min(step, MonthlySeries.HorizonMax) - 1;
        return level >= 0.95 ? half95[index] : half80[index];
    }

    /// <summary>The horizon band (0, 1, 2) of a step of 1-12 months.</summary>
    internal static int Band(int step) => step <= 3 ? 0 : step <= 6 ? 1 : 2;

    /// <param name="errors">Backtest errors known at the origin.</param>
    /// <param name="floorAt">The <see cref="ErrorFloor"/> at the same origin, computed only where it is needed.</param>
    /// <param name="copies">
    /// How many times each backtest month is among the errors (2 with the procedure's beside the winner's, see
    /// <see cref="CalibrationErrors"/>): the minimums count months, not errors.
    /// </param>
    public static Intervals Calibrate(IReadOnlyList<BacktestForecast> errors, Func<double[]> floorAt, int copies = 1)
    {
        var h = MonthlySeries.HorizonMax;
        if (errors.Count < MinimumErrors * copies)
        {
            var floor = floorAt();
            return new Intervals(false, floor.Select(f => f * Z80).ToArray(), floor.Select(f => f * Z95).ToArray());
        }
        var spread = Spread(errors);
        var all = new List<double>(errors.Count);
        var bands = new[] { new List<double>(), new List<double>(), new List<double>() };
        var zeros = 0;
        foreach (var e in errors)
        {
            // A mean of a constant is off it by rounding only: that is no error either.
            if (Math.Abs(e.Error) < 1e-9)
                zeros++;
            var ratio = e.Distance / spread[e.Step - 1];
            all.Add(ratio);
            bands[Band(e.Step)].Add(ratio);
        }
        var floorAtOrigin = zeros * 2 > errors.Count ? floorAt() : null;
        all.Sort();
        var q80 = new double[3];
        var q95 = new double[3];
        for (var b = 0; b < 3; b++)
        {
            var source = bands[b].Count >= MinimumBandErrors * copies ? bands[b].Order().ToArray() : all.ToArray();
            q80[b] = Quantile(source, 0.80);
            q95[b] = NoLighterThanGaussian(Quantile(source, 0.95), q80[b]);
        }
        var half80 = new double[h];
        var half95 = new double[h];
        for (var k = 0; k < h; k++)
        {
            var b = Band(k + 1);
            half80[k] = spread[k] * q80[b];
            half95[k] = spread[k] * q95[b];
            if (floorAtOrigin is not null)
            {
                half80[k] = Math.Max(half80[k], Z80 * floorAtOrigin[k]);
                half95[k] = Math.Max(half95[k], Z95 * floorAtOrigin[k]);
            }
            // An interval does not narrow as the horizon grows: a band's quantile is from fewer, overlapping errors.
            if (k > 0)
            {
                half80[k] = Math.Max(half80[k], half80[k - 1]);
                half95[k] = Math.Max(half95[k], half95[k - 1]);
            }
            half95[k] = Math.Max(half95[k], half80[k]);
        }
        return new Intervals(true, half80, half95);
    }

    /// <summary>Root mean square error per horizon with its neighbours, never below a shorter horizon's.</summary>
    private static double[] Spread(IReadOnlyList<BacktestForecast> errors)
    {
        var sums = new double[MonthlySeries.HorizonMax + 2];
        var counts = new int[MonthlySeries.HorizonMax + 2];
        double total = 0;
        foreach (var e in errors)
        {
            sums[e.Step] += e.Error * e.Error;
            counts[e.Step]++;
            total += e.Error * e.Error;
        }
        var overall = Math.Sqrt(total / errors.Count);
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
        return spread;
    }

    /// <summary>
    /// A 95% quantile no smaller than the 80% one stretched as a Gaussian tail would be. The 95% quantile of a few dozen
    /// overlapping backtest errors comes from their two or three largest, so it is often too small; a forecast error's
    /// tail is seldom lighter than Gaussian. Without this, Poisson counts around a flat level got 88% from the 95%
    /// interval.
    /// </summary>
    private static double NoLighterThanGaussian(double q95, double q80) => Math.Max(q95, q80 * Z95 / Z80);

    /// <summary>The split-conformal quantile: the ⌈(n + 1) p⌉-th smallest, the largest when that is past the end.</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling((sorted.Length + 1) * p);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
