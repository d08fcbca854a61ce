using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>Monthly series with a known structure, built the way measure_values holds them (value, numerator, denominator).</summary>
internal static class SyntheticSeries
{
    public static string Month(int index) => RandomSeries.Month(index);

    public static MonthlySeries Counts(string measureId, IEnumerable<double> values) => RandomSeries.Counts(CatalogShapes.Of(measureId), values);

    /// <summary>A 0-100 score without counts behind it, as hotline_composite_score is held.</summary>
    public static MonthlySeries Score(string measureId, IEnumerable<double> values) =>
        MonthlySeries.From(CatalogShapes.Of(measureId),
            values.Select((v, i) => new MonthValue(Month(i), v, null, null)).ToList())!;

    public static MonthlySeries Rate(string measureId, IEnumerable<(long Numerator, long Denominator)> months) =>
        RandomSeries.Rate(CatalogShapes.Of(measureId), months);

    /// <summary>Level, linear trend, a yearly cycle and Gaussian noise.</summary>
    public static IEnumerable<double> Seasonal(Random random, int months, double level, double trend, double amplitude, double noise) =>
        Enumerable.Range(0, months).Select(t => level + trend * t + amplitude * Math.Sin(2 * Math.PI * t / 12) + noise * Gaussian(random));

    public static double Gaussian(Random random) => RandomSeries.Gaussian(random);

    public static int Poisson(Random random, double mean) => RandomSeries.Poisson(random, mean);

    public static long Binomial(Random random, long trials, double p) => RandomSeries.Binomial(random, trials, p);

    /// <summary>Mean absolute error of a forecast from <paramref name="origin"/> and of seasonal naive, on the months after it.</summary>
    public static (double Forecast, double SeasonalNaive) HoldoutErrors(MonthlySeries series, ForecastResult result, int origin)
    {
        double forecast = 0, seasonalNaive = 0;
        for (var k = 0; k < result.Points.Count; k++)
        {
            var actual = series.Values[origin + 1 + k]!.Value;
            forecast += Math.Abs(actual - result.Points[k].Value);
            seasonalNaive += Math.Abs(actual - series.Values[origin + 1 + k - 12]!.Value);
        }
        return (forecast / result.Points.Count, seasonalNaive / result.Points.Count);
    }

    /// <summary>
    /// The share of each forecast month's probability cell inside the central 80% and 95% bands (what the bench reports
    /// as PIT coverage), summed over the months after <paramref name="origin"/>.
    /// </summary>
    public static (int Points, double In80, double In95) PitCovered(MonthlySeries series, int origin)
    {
        ForecastEngine.Forecast(series, "r", origin, out var predictive);
        double in80 = 0, in95 = 0;
        for (var k = 0; k < predictive.Count; k++)
        {
            var (low, high) = series.Cell(origin + 1 + k);
            in80 += predictive[k].Covered(low, high, 0.80);
            in95 += predictive[k].Covered(low, high, 0.95);
        }
        return (predictive.Count, in80, in95);
    }

    /// <summary>How many of a forecast's points have an actual value inside their 80% and 95% intervals.</summary>
    public static (int Points, int In80, int In95) Covered(ForecastResult result) => (
        result.Points.Count,
        result.Points.Count(p => p.Actual >= p.Lo80 && p.Actual <= p.Hi80),
        result.Points.Count(p => p.Actual >= p.Lo95 && p.Actual <= p.Hi95));
}
