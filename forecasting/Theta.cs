namespace Analytics.Forecasting;

/// <summary>
/// The Theta method of Assimakopoulos and Nikolopoulos (2000) in the form Hyndman and Billah (2003) showed it to be:
/// simple exponential smoothing with a drift of half the slope of the linear trend, on the series with its season
/// taken out when the lag-12 autocorrelation test finds one (additively, on the model scale, which is multiplicative
/// on the raw one), the season put back on the forecast. α minimises the one-step squared error with the first month
/// as the initial level, as in statsmodels' ThetaModel.
/// </summary>
internal static class Theta
{
    public static double[] Forecast(double[] y, int h, bool seasonal)
    {
        var n = y.Length;
        if (n < 3)
            return Enumerable.Repeat(y[^1], h).ToArray();
        var season = seasonal && SeasonalIndices.Significant(y) ? SeasonalIndices.Of(y) : null;
        var x = season is null ? y : y.Select((v, t) => v - season[t % 12]).ToArray();
        var slope = Slope(x);
        var alpha = GoldenSection(a => SesSse(x, a, out _), 0.01, 0.99);
        SesSse(x, alpha, out var level);
        var path = new double[h];
        var tail = 1 / alpha - Math.Pow(1 - alpha, n) / alpha;
        for (var k = 0; k < h; k++)
            path[k] = level + slope / 2 * (k + tail) + (season is null ? 0 : season[(n + k) % 12]);
        return path;
    }

    private static double SesSse(double[] x, double alpha, out double level)
    {
        level = x[0];
        double sse = 0;
        for (var t = 1; t < x.Length; t++)
        {
            var error = x[t] - level;
            sse += error * error;
            level += alpha * error;
        }
        return sse;
    }

    private static double Slope(double[] x)
    {
        var n = x.Length;
        var tMean = (n - 1) / 2.0;
        var xMean = x.Average();
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - tMean) * (x[t] - xMean);
            sxx += (t - tMean) * (t - tMean);
        }
        return sxy / sxx;
    }

    private static double GoldenSection(Func<double, double> f, double low, double high)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = low, b = high;
        var c = b - ratio * (b - a);
        var d = a + ratio * (b - a);
        double fc = f(c), fd = f(d);
        for (var i = 0; i < 30; i++)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = f(d);
            }
        }
        return (a + b) / 2;
    }
}
