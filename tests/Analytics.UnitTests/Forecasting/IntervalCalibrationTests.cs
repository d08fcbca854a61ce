using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>
/// Intervals are calibrated on errors that include what choosing among the candidates cost, not only the winner's
/// (which won because they were small). Coverage is counted on the 12 months after the origin, which no backtest saw,
/// over many series whose noise is known.
/// </summary>
public sealed class IntervalCalibrationTests
{
    [Fact]
    public void At_each_backtest_origin_the_procedure_averages_the_three_candidates_best_on_the_months_known_then()
    {
        // Four candidates, origins at months 10, 11 and 12, two steps each, on a count of 100 a month. A misses the
        // early months by 1, B by 3, C by 5 and D by 20; A misses the last months by 10 and D hits them. At the second
        // and third origins A, B and C are best on what is known, so their mean (on the model scale) stands and D is
        // left out. At the first origin nothing is known yet: the served forecast's stand.
        var series = SyntheticSeries.Counts("hotline_tickets", Enumerable.Repeat(100.0, 14));
        var a = Run(target => target < 12 ? 1 : 10);
        var b = Run(_ => 3);
        var c = Run(_ => 5);
        var d = Run(target => target < 12 ? 20 : 0);
        var procedure = CalibrationErrors.Procedure(series, [a, b, c, d], served: d);

        Assert.Equal(d.Count, procedure.Count);
        Assert.All(procedure.Where(f => f.Train == 10), f => Assert.Equal(20, f.Actual - f.ForecastValue, 1e-9));
        foreach (var f in procedure.Where(f => f.Train > 10))
        {
            var mean = new[] { a, b, c }
                .Average(run => run.Single(e => e.Train == f.Train && e.Step == f.Step).Forecast);
            Assert.Equal(mean, f.Forecast, 1e-12);
            Assert.Equal(double.ExpM1(mean), f.ForecastValue, 1e-9);
        }
        // The intervals see both the served forecast's errors and the procedure's.
        Assert.Equal(2 * d.Count, CalibrationErrors.For(series, [a, b, c, d], d).Count);
        Assert.Same(b, CalibrationErrors.For(series, [b], b));
    }

    [Fact]
    public void A_wandering_level_with_noise_is_covered_within_six_points_of_nominal_in_every_horizon_band()
    {
        // A level that wanders (steps of sd 15) under monthly noise of sd 40, around 2,000 a month: whole numbers do
        // not matter at this size, so plain coverage should hold the level. A dozen candidates compete on each series,
        // and the winner's backtest errors alone under-state the next year's: on them the 80% intervals held 73.6% at
        // 4-6 months and 71.7% at 7-12; with the procedure's errors 77.2% and 75.7%.
        var random = new Random(61);
        var coverage = BandCoverage(120, () =>
        {
            var level = 2000.0;
            return SyntheticSeries.Counts("hotline_tickets", Enumerable.Range(0, 60).Select(_ =>
            {
                level += 15 * SyntheticSeries.Gaussian(random);
                return Math.Round(level + 40 * SyntheticSeries.Gaussian(random));
            }).ToList());
        });
        var message = Describe(coverage);
        Assert.True(coverage.All(c => c.In80 is >= 0.74 and <= 0.86 && c.In95 is >= 0.91 and <= 0.985), message);
    }

    [Fact]
    public void Rates_on_hundreds_of_tickets_are_covered_within_a_few_points_of_nominal_in_every_horizon_band()
    {
        // 80% of 300-600 tickets with a rate that drifts a little: close to continuous on the rate scale.
        var random = new Random(67);
        var coverage = BandCoverage(120, () =>
        {
            var p = 0.8;
            return SyntheticSeries.Rate("hotline_resolution_rate", Enumerable.Range(0, 48).Select(_ =>
            {
                p = Math.Clamp(p + 0.006 * SyntheticSeries.Gaussian(random), 0.6, 0.95);
                long d = random.Next(300, 601);
                return (SyntheticSeries.Binomial(random, d, p), d);
            }).ToList());
        });
        var message = Describe(coverage);
        Assert.True(coverage.All(c => c.In80 is >= 0.76 and <= 0.84 && c.In95 is >= 0.91 and <= 0.985), message);
    }

    private static string Describe(List<(string Band, double In80, double In95)> coverage) =>
        string.Join("; ", coverage.Select(c => $"months {c.Band}: {c.In80:P1} / {c.In95:P1}"));

    private static List<BacktestForecast> Run(Func<int, double> miss) =>
    [
        .. new[] { 10, 11, 12 }.SelectMany(train => new[] { 1, 2 }.Select(step =>
        {
            var target = train + step - 1;
            var value = 100 - miss(target);
            return new BacktestForecast(train, step, Math.Log(101), Math.Log(1 + value), 100, value, miss(target));
        })),
    ];

    private static List<(string Band, double In80, double In95)> BandCoverage(int count, Func<MonthlySeries> make)
    {
        (string Name, int From, int To)[] bands = [("1-3", 1, 3), ("4-6", 4, 6), ("7-12", 7, 12)];
        var points = new int[bands.Length];
        var in80 = new int[bands.Length];
        var in95 = new int[bands.Length];
        for (var s = 0; s < count; s++)
        {
            var series = make();
            var result = ForecastEngine.Forecast(series, "r", origin: series.Length - 13);
            for (var k = 0; k < result.Points.Count; k++)
            {
                var b = Array.FindIndex(bands, band => k + 1 >= band.From && k + 1 <= band.To);
                var p = result.Points[k];
                points[b]++;
                in80[b] += p.Actual >= p.Lo80 && p.Actual <= p.Hi80 ? 1 : 0;
                in95[b] += p.Actual >= p.Lo95 && p.Actual <= p.Hi95 ? 1 : 0;
            }
        }
        return bands.Select((band, b) => (band.Name, (double)in80[b] / points[b], (double)in95[b] / points[b])).ToList();
    }
}
