using System.Globalization;

namespace Analytics.Forecasting;

/// <summary>
/// Monthly series drawn from known distributions (Poisson counts, binomial rates, Gaussian noise), built the way
/// measure_values holds them. The synthetic bench and the tests forecast them, where the truth is known.
/// </summary>
public static class RandomSeries
{
    public static string Month(int index) => new DateOnly(2019, 1, 1).AddMonths(index).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whole counts, as measure_values holds a count measure.</summary>
    public static MonthlySeries Counts(SeriesMeasure measure, IEnumerable<double> values) =>
        MonthlySeries.From(measure,
            values.Select((v, i) => new MonthValue(Month(i), Math.Max(0, Math.Round(v)), null, null)).ToList())!;

    /// <summary>A rate with the numerator and denominator behind each month.</summary>
    public static MonthlySeries Rate(SeriesMeasure measure, IEnumerable<(long Numerator, long Denominator)> months) =>
        MonthlySeries.From(measure,
            months.Select((m, i) => new MonthValue(Month(i), (double)m.Numerator / m.Denominator, m.Numerator, m.Denominator)).ToList())!;

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Knuth's product of uniforms: fine for the means used here.</summary>
    public static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
            k++;
        return k;
    }

    public static long Binomial(Random random, long trials, double p)
    {
        long successes = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < p)
                successes++;
        }
        return successes;
    }
}
