namespace Analytics.Forecasting;

/// <summary>
/// The model-based candidates: the ETS family chosen by AICc, Theta, their equal-weight combination (the M3/M4
/// lesson: a combination of two good methods is seldom far behind the better one and often ahead), and Croston's
/// method for counts that are mostly empty months.
/// </summary>
internal static class ModelMethods
{
    public static readonly Method Ets = new EtsMethod(false);
    public static readonly Method EtsSeasonal = new EtsMethod(true);
    public static readonly Method Theta = new DirectMethod("theta", false, (y, h) => Forecasting.Theta.Forecast(y, h, seasonal: false));
    public static readonly Method ThetaSeasonal = new DirectMethod("theta", true, (y, h) => Forecasting.Theta.Forecast(y, h, seasonal: true));
    public static readonly Method Combination = new Combined("ets_theta", false, Ets, Theta);
    public static readonly Method CombinationSeasonal = new Combined("ets_theta", true, EtsSeasonal, ThetaSeasonal);

    /// <summary>
    /// Croston's method with the Syntetos-Boylan bias correction, on the counts themselves: the size of the months with
    /// events and the interval between them are smoothed apart (α = 0.1), the forecast is (1 − α/2) size / interval a
    /// month. A whistle a year is forecast at about 0.08 a month, where naive repeats the last month's 1 for a year.
    /// </summary>
    public static readonly Method Croston = new DirectMethod("croston_sba", false, (y, h) =>
    {
        const double alpha = 0.1;
        double size = 0, interval = 0;
        var since = 0;
        var seen = false;
        foreach (var value in y)
        {
            since++;
            var count = double.ExpM1(value);
            if (count <= 1e-9)
                continue;
            if (!seen)
            {
                (size, interval, seen) = (count, since, true);
            }
            else
            {
                size += alpha * (count - size);
                interval += alpha * (since - interval);
            }
            since = 0;
        }
        var rate = seen ? (1 - alpha / 2) * size / interval : 0;
        return Enumerable.Repeat(double.LogP1(rate), h).ToArray();
    });

    /// <summary>ETS refits (form and parameters) once a year of backtest origins; in between it filters the longer history.</summary>
    private sealed class EtsMethod(bool seasonal) : Method("ets", seasonal)
    {
        public override int RefitEvery => 12;

        public override Func<double[], int, double[]> Fit(double[] history, int firstMonth)
        {
            var fit = EtsFit.Select(history, Seasonal);
            return fit.Forecast;
        }
    }

    /// <summary>The mean of its parts' paths; the engine averages the parts' backtests, not refitting them.</summary>
    internal sealed class Combined(string name, bool seasonal, params Method[] parts) : Method(name, seasonal)
    {
        public IReadOnlyList<Method> Parts => parts;

        public override int RefitEvery => parts.Max(p => p.RefitEvery);

        public override Func<double[], int, double[]> Fit(double[] history, int firstMonth)
        {
            var forecasters = parts.Select(p => p.Fit(history, firstMonth)).ToArray();
            return (y, h) =>
            {
                var path = new double[h];
                foreach (var forecaster in forecasters)
                {
                    var part = forecaster(y, h);
                    for (var k = 0; k < h; k++)
                        path[k] += part[k] / forecasters.Length;
                }
                return path;
            };
        }
    }
}
