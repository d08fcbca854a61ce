namespace Analytics.Forecasting;

/// <summary>Additive seasonal indices of a monthly series on the model scale, and whether a season is there at all.</summary>
internal static class SeasonalIndices
{
    /// <summary>
    /// Classical additive decomposition: month-of-year means of the series minus its centred 12-month moving average,
    /// centred to sum to zero. Indexed by position modulo 12 (position 0 is the series start), not by calendar month.
    /// </summary>
    public static double[] Of(double[] y)
    {
        var sums = new double[12];
        var counts = new int[12];
        // The 11 inner months of the centred window, slid one month at a time.
        var inner = 0.0;
        for (var t = 1; t <= 11 && t < y.Length; t++)
            inner += y[t];
        for (var t = 6; t + 6 < y.Length; t++)
        {
            if (t > 6)
                inner += y[t + 5] - y[t - 6];
            var trend = (0.5 * y[t - 6] + 0.5 * y[t + 6] + inner) / 12;
            sums[t % 12] += y[t] - trend;
            counts[t % 12]++;
        }
        var indices = sums.Select((s, m) => counts[m] > 0 ? s / counts[m] : 0).ToArray();
        var mean = indices.Average();
        return indices.Select(i => i - mean).ToArray();
    }

    /// <summary>
    /// The 90% one-sided test of the Theta method's authors (and statsmodels' ThetaModel): the autocorrelation at lag 12
    /// beyond 1.645 times its standard error under Bartlett's formula, sqrt((1 + 2 Σ r_k², k &lt; 12) / n).
    /// </summary>
    public static bool Significant(double[] y)
    {
        var n = y.Length;
        if (n < 24)
            return false;
        var mean = y.Average();
        double denominator = 0;
        foreach (var v in y)
            denominator += (v - mean) * (v - mean);
        if (denominator <= 0)
            return false;
        double Autocorrelation(int lag)
        {
            double s = 0;
            for (var t = lag; t < n; t++)
                s += (y[t] - mean) * (y[t - lag] - mean);
            return s / denominator;
        }
        double squares = 0;
        for (var k = 1; k < 12; k++)
        {
            var r = Autocorrelation(k);
            squares += r * r;
        }
        return Math.Abs(Autocorrelation(12)) > 1.645 * Math.Sqrt((1 + 2 * squares) / n);
    }
}
