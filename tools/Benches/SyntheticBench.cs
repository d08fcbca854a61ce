using System.Globalization;
using Analytics.Api.Forecasts;
using Analytics.Forecasting;
using Analytics.Warehouse.Measures;
using static Analytics.Forecasting.RandomSeries;

namespace Analytics.Benches;

/// <summary>
/// <c>forecast --synthetic</c>: interval coverage on series whose distribution is known (Poisson counts, binomial
/// rates, a seasonal series, a random walk), forecast 12 months before their end, plain and PIT coverage side by side,
/// and the random walk's coverage by horizon. The series come from <see cref="RandomSeries"/>, as in the tests.
/// </summary>
internal static class SyntheticBench
{
    public static int Run()
    {
        var random = new Random(1);
        Console.WriteLine("| series | n | coverage 80% | coverage 95% | PIT coverage 80% | PIT coverage 95% | 80% by horizon 1..12 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Score("Poisson(30), 4 years", 200, () => Counts(MeasureIds.EnforcementCases, Enumerable.Range(0, 48).Select(_ => (double)Poisson(random, 30))));
        Score("Poisson(3), 4 years", 200, () => Counts(MeasureIds.EnforcementCases, Enumerable.Range(0, 48).Select(_ => (double)Poisson(random, 3))));
        Score("Poisson(0.3), 4 years", 200, () => Counts(MeasureIds.Whistles, Enumerable.Range(0, 48).Select(_ => (double)Poisson(random, 0.3))));
        Score("seasonal Poisson(100 ± 30), 6 years", 100, () => Counts(MeasureIds.HotlineTickets,
            Enumerable.Range(0, 72).Select(t => (double)Poisson(random, 100 + 30 * Math.Sin(2 * Math.PI * t / 12)))));
        Score("binomial 97% of 3-10 tickets, 4 years", 200, () => Rate(MeasureIds.HotlineResponseRate,
            Enumerable.Range(0, 48).Select(_ => { long d = random.Next(3, 11); return (Binomial(random, d, 0.97), d); })));
        Score("binomial 80% of 50-150 tickets, 4 years", 200, () => Rate(MeasureIds.HotlineSatisfactionRate,
            Enumerable.Range(0, 48).Select(_ => { long d = random.Next(50, 151); return (Binomial(random, d, 0.8), d); })));
        Score("random walk around 200, 5 years", 100, () =>
        {
            var level = 200.0;
            return Counts(MeasureIds.HotlineTickets, Enumerable.Range(0, 60).Select(_ => level = Math.Max(0, level + 8 * Gaussian(random))).ToList());
        });
        return 0;
    }

    private static void Score(string label, int count, Func<MonthlySeries> make)
    {
        var coverage = new HoldoutCoverage();
        var byStep = new int[MonthlySeries.HorizonMax];
        for (var s = 0; s < count; s++)
        {
            var series = make();
            var origin = series.Length - 1 - MonthlySeries.HorizonMax;
            var result = ForecastEngine.Forecast(series, "synthetic", origin, out var predictive);
            for (var k = 0; k < result.Points.Count; k++)
            {
                if (coverage.Add(series, origin + 1 + k, result.Points[k], predictive[k]))
                    byStep[k]++;
            }
        }
        var points = coverage.Points;
        string Percent(double part) => (100 * part / points).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        Console.WriteLine($"| {label} | {count} | {Percent(coverage.In80)} | {Percent(coverage.In95)} | {Percent(coverage.Pit80)} | {Percent(coverage.Pit95)} " +
                          $"| {string.Join(" ", byStep.Select(c => (100 * c / count).ToString(CultureInfo.InvariantCulture)))} |");
    }

    /// <summary>Counts shaped like the catalogue's measure <paramref name="measureId"/>.</summary>
    private static MonthlySeries Counts(string measureId, IEnumerable<double> values) =>
        RandomSeries.Counts(MeasureCatalog.Find(measureId)!.ForForecast(), values);

    private static MonthlySeries Rate(string measureId, IEnumerable<(long Numerator, long Denominator)> months) =>
        RandomSeries.Rate(MeasureCatalog.Find(measureId)!.ForForecast(), months);
}
