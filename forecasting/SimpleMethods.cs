namespace Analytics.Forecasting;

/// <summary>
/// The baselines and the smoothing methods, on the model scale. Smoothing parameters are picked per fit from a small
/// grid by one-step squared error on the history: a grid keeps a fit at microseconds, which is what lets every
/// backtest origin refit every series.
/// </summary>
internal static class SimpleMethods
{
    public static readonly Method Naive = new DirectMethod("naive", false, (y, h) => Repeat(y[^1], h));

    /// <summary>Each month repeats the same month a year earlier; needs 12 months of history.</summary>
    public static readonly Method SeasonalNaive = new DirectMethod("seasonal_naive", true, (y, h) =>
    {
        var path = new double[h];
        for (var k = 0; k < h; k++)
            path[k] = y[y.Length - 12 + k % 12];
        return path;
    });

    public static readonly Method Drift = new DirectMethod("drift", false, (y, h) =>
    {
        var slope = y.Length > 1 ? (y[^1] - y[0]) / (y.Length - 1) : 0;
        return Enumerable.Range(1, h).Select(k => y[^1] + slope * k).ToArray();
    });

    /// <summary>The mean of the last 12 months: the level of a noisy series with no trend (small towns' counts).</summary>
    public static readonly Method Mean12 = new DirectMethod("mean_12", false, (y, h) => Repeat(y.TakeLast(12).Average(), h));

    public static readonly Method Ses = new DirectMethod("ses", false, (y, h) => DampedTrend(y, h, trend: false));

    public static readonly Method Damped = new DirectMethod("damped_trend", false, (y, h) => DampedTrend(y, h, trend: true));

    /// <summary>Damped trend smoothing of the deseasonalised series, the seasonal pattern added back (ETS(A,Ad,A)-like).</summary>
    public static readonly Method SeasonalDamped = new SeasonalAdjusted("seasonal_damped", (y, h) => DampedTrend(y, h, trend: true));

    public static readonly Method SeasonalSes = new SeasonalAdjusted("seasonal_ses", (y, h) => DampedTrend(y, h, trend: false));

    private static readonly double[] Alphas = [0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
    private static readonly double[] Betas = [0.02, 0.1, 0.25];
    private static readonly double[] Phis = [0.8, 0.9, 0.98];

    private static double[] Repeat(double value, int h) => Enumerable.Repeat(value, h).ToArray();

    /// <summary>Holt's linear method with a damped trend (or simple exponential smoothing), grid-fitted.</summary>
    internal static double[] DampedTrend(double[] y, int h, bool trend)
    {
        if (y.Length < 3)
            return Repeat(y[^1], h);
        var best = (Sse: double.PositiveInfinity, Level: y[^1], Slope: 0.0, Phi: 0.0);
        foreach (var alpha in Alphas)
        {
            foreach (var beta in trend ? Betas : [0.0])
            {
                foreach (var phi in trend ? Phis : [0.0])
                {
                    double level = y[0], slope = trend ? y[1] - y[0] : 0, sse = 0;
                    for (var t = 1; t < y.Length; t++)
                    {
                        var predicted = level + phi * slope;
                        var error = y[t] - predicted;
                        sse += error * error;
                        var newLevel = predicted + alpha * error;
                        slope = beta * (newLevel - level) + (1 - beta) * phi * slope;
                        level = newLevel;
                    }
                    if (sse < best.Sse)
                        best = (sse, level, slope, phi);
                }
            }
        }
        var path = new double[h];
        double damp = 0, power = 1;
        for (var k = 0; k < h; k++)
        {
            power *= best.Phi;
            damp += power;
            path[k] = best.Level + damp * best.Slope;
        }
        return path;
    }

    /// <summary>The <see cref="SeasonalIndices"/> taken out, the inner method forecasting what is left, the season put back.</summary>
    private sealed class SeasonalAdjusted(string name, Func<double[], int, double[]> inner) : Method(name, true)
    {
        public override Func<double[], int, double[]> Fit(double[] history, int firstMonth) => (y, h) =>
        {
            var season = SeasonalIndices.Of(y);
            var adjusted = y.Select((v, t) => v - season[t % 12]).ToArray();
            var path = inner(adjusted, h);
            for (var k = 0; k < h; k++)
                path[k] += season[(y.Length + k) % 12];
            return path;
        };
    }
}
