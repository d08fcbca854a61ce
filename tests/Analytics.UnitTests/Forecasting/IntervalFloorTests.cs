using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>
/// The interval floor: a flat or nearly flat history has backtest errors of zero, and its intervals must still cover
/// what the months after the origin bring about as often as they say. Coverage is counted over many synthetic series
/// forecast from an origin 12 months before their end.
/// </summary>
public sealed class IntervalFloorTests
{
    [Fact]
    public void A_flat_flow_count_still_gets_an_interval_that_widens_with_horizon()
    {
        var series = SyntheticSeries.Counts("hotline_tickets", Enumerable.Repeat(50.0, 36));
        var result = ForecastEngine.Forecast(series, "r");
        Assert.All(result.Points, p =>
        {
            Assert.Equal(50, p.Value, 6);
            Assert.True(p.Lo80 < 50 && p.Hi80 > 50, $"{p.Month}: {p.Lo80}..{p.Hi80}");
            Assert.True(p.Lo95 <= p.Lo80 && p.Hi95 >= p.Hi80);
        });
        Assert.True(result.Points[^1].Hi95 - result.Points[^1].Lo95 >= result.Points[0].Hi95 - result.Points[0].Lo95);
    }

    [Fact]
    public void A_flat_stock_keeps_its_value_inside_its_interval()
    {
        // A cumulative count that has not moved: its interval may be the point, but the point must be inside it.
        var series = SyntheticSeries.Counts("institutions_integrated", Enumerable.Repeat(6.0, 40));
        var result = ForecastEngine.Forecast(series, "r", origin: 27);
        Assert.All(result.Points, p => Assert.True(p.Lo80 <= 6 && p.Hi80 >= 6, $"{p.Month}: {p.Lo80}..{p.Hi80}"));
    }

    [Fact]
    public void A_flat_cumulative_rate_has_its_value_as_its_interval()
    {
        // A streamlining rate is a ratio of stocks (bodies cut over bodies before), not tickets drawn each month: with
        // no reform completed for years there is no noise to allow for. Binomial noise gave 46% an interval of 28-65%.
        var series = SyntheticSeries.Rate("institution_streamlining_rate", Enumerable.Repeat((6L, 13L), 40));
        var result = ForecastEngine.Forecast(series, "r", origin: 27);
        Assert.All(result.Points, p =>
        {
            Assert.True(p.Hi95 - p.Lo95 < 1e-6, $"{p.Month}: {p.Lo95}..{p.Hi95}");
            Assert.True(p.Lo80 <= 6 / 13.0 && p.Hi80 >= 6 / 13.0, $"{p.Month}: {p.Lo80}..{p.Hi80} misses {6 / 13.0}");
        });
    }

    [Fact]
    public void Small_counts_get_whole_number_quantiles_not_bounds_rounded_outwards()
    {
        // Three events a month: rounding both bounds outwards covered 95% with the 80% interval.
        var random = new Random(37);
        var (in80, in95) = Coverage(60, _ => PoissonCounts("enforcement_cases", random, 3));
        Assert.InRange(in80, 0.75, 0.90);
        Assert.InRange(in95, 0.90, 1.0);
        var series = PoissonCounts("enforcement_cases", random, 3);
        Assert.All(ForecastEngine.Forecast(series, "r").Points, p =>
            Assert.True(new[] { p.Lo80, p.Hi80, p.Lo95, p.Hi95 }.All(b => b == Math.Floor(b)), $"{p.Month}: {p.Lo80}..{p.Hi80}"));
    }

    [Fact]
    public void Sparse_counts_are_calibrated_once_whole_numbers_are_accounted_for()
    {
        // Raw coverage of [0, 1] around 0.3 is far above 80% whatever the model; the share of each month's probability
        // cell inside the band (the PIT the bench reports) is what a calibrated forecast keeps at its level.
        var random = new Random(41);
        int points = 0;
        double in80 = 0, in95 = 0;
        for (var s = 0; s < 60; s++)
        {
            var series = PoissonCounts("enforcement_cases", random, 3);
            var covered = SyntheticSeries.PitCovered(series, series.Length - 13);
            (points, in80, in95) = (points + covered.Points, in80 + covered.In80, in95 + covered.In95);
        }
        Assert.InRange(in80 / points, 0.74, 0.86);
        Assert.InRange(in95 / points, 0.90, 0.99);
    }

    [Fact]
    public void Poisson_counts_around_a_flat_level_cover_near_nominal()
    {
        var random = new Random(23);
        var (in80, in95) = Coverage(40, _ => PoissonCounts("enforcement_cases", random, 30));
        Assert.InRange(in80, 0.75, 0.90);
        Assert.InRange(in95, 0.90, 1.0);
    }

    [Fact]
    public void Sparse_counts_cover_at_least_nominal()
    {
        // Mostly zeros: a count of 0, 1 or 2 cannot be cut at a quantile, so whole-number bounds cover more than
        // nominal; what the floor must prevent is the collapse to [0, 0] that missed every month with an event.
        var random = new Random(29);
        var (in80, in95) = Coverage(40, _ => PoissonCounts("whistles", random, 0.3));
        Assert.True(in80 >= 0.75, $"80% interval covers {in80:P1}");
        Assert.True(in95 >= 0.90, $"95% interval covers {in95:P1}");
    }

    [Fact]
    public void A_rate_near_100_percent_on_small_denominators_covers_at_least_nominal()
    {
        // 97% of 3 to 10 tickets a month: most months sit at 100%, so backtests see almost no error, yet a month at
        // 2 of 3 is ordinary. Small binomial counts are discrete, so coverage can only be checked from below.
        var random = new Random(31);
        var (in80, in95) = Coverage(40, _ => SyntheticSeries.Rate("hotline_response_rate",
            Enumerable.Range(0, 48).Select(_ =>
            {
                long d = random.Next(3, 11);
                return (SyntheticSeries.Binomial(random, d, 0.97), d);
            })));
        Assert.True(in80 >= 0.75, $"80% interval covers {in80:P1}");
        Assert.True(in95 >= 0.90, $"95% interval covers {in95:P1}");
    }

    /// <summary>Four years of monthly counts drawn from a Poisson distribution around a flat <paramref name="mean"/>.</summary>
    private static MonthlySeries PoissonCounts(string measureId, Random random, double mean) =>
        SyntheticSeries.Counts(measureId, Enumerable.Range(0, 48).Select(_ => (double)SyntheticSeries.Poisson(random, mean)));

    private static (double In80, double In95) Coverage(int count, Func<int, MonthlySeries> make)
    {
        int points = 0, in80 = 0, in95 = 0;
        for (var s = 0; s < count; s++)
        {
            var series = make(s);
            var result = ForecastEngine.Forecast(series, "r", origin: series.Length - 13);
            var covered = SyntheticSeries.Covered(result);
            (points, in80, in95) = (points + covered.Points, in80 + covered.In80, in95 + covered.In95);
        }
        return ((double)in80 / points, (double)in95 / points);
    }
}
