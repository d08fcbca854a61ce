using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>The engine on series whose structure is known: what it chooses, how its intervals cover, what it keeps in bounds.</summary>
public sealed class ForecastEngineTests
{
    [Fact]
    public void Seasonal_trending_counts_beat_seasonal_naive()
    {
        var random = new Random(5);
        var series = SyntheticSeries.Counts("hotline_tickets", SyntheticSeries.Seasonal(random, 72, 300, 2, 80, 12));
        var result = ForecastEngine.Forecast(series, "r", origin: 59);
        Assert.True(result.Seasonal);
        Assert.Equal("2023-12", result.Origin);
        var seasonalNaive = result.Baselines.Single(b => b.Method == "seasonal_naive");
        Assert.True(result.Chosen.Mase < seasonalNaive.Mase, $"{result.Method} {result.Chosen.Mase} vs seasonal naive {seasonalNaive.Mase}");
        var (forecast, naive) = SyntheticSeries.HoldoutErrors(series, result, 59);
        Assert.True(forecast < naive, $"hold-out MAE {forecast} vs seasonal naive {naive} ({result.Method})");
        // The months after the origin come back with what happened.
        Assert.All(result.Points, p => Assert.NotNull(p.Actual));
        // Coverage is scored where intervals are served or compared: the chosen method and the baselines.
        Assert.All(result.Baselines.Append(result.Chosen), b => Assert.InRange(b.Coverage80!.Value, 0.5, 1));
        // The served forecast is the mean of the three best candidates of the backtest.
        Assert.Equal(string.Join("+", result.Candidates.Take(3).Select(c => c.Method)), result.Method);
        // Six years of a dense count: the ML.NET regression competes.
        Assert.Contains(result.Candidates, c => c.Method == "sdca_autoregression");
    }

    [Fact]
    public void Trend_without_season_beats_seasonal_naive()
    {
        var random = new Random(7);
        var series = SyntheticSeries.Counts("enforcement_cases", Enumerable.Range(0, 48).Select(t => 20 + 2.0 * t + 3 * SyntheticSeries.Gaussian(random)));
        var result = ForecastEngine.Forecast(series, "r", origin: 35);
        Assert.True(result.Chosen.Mase < 1, $"{result.Method} MASE {result.Chosen.Mase}");
        var (forecast, naive) = SyntheticSeries.HoldoutErrors(series, result, 35);
        Assert.True(forecast < naive / 2, $"hold-out MAE {forecast} vs seasonal naive {naive} ({result.Method})");
    }

    [Fact]
    public void A_rate_stuck_at_100_percent_stays_inside_zero_to_one()
    {
        var random = new Random(3);
        var series = SyntheticSeries.Rate("hotline_response_rate",
            Enumerable.Range(0, 48).Select(_ => { var d = (long)random.Next(40, 160); return (d, d); }));
        var result = ForecastEngine.Forecast(series, "r");
        Assert.Equal("logit", result.Scale);
        Assert.All(result.Points, p =>
        {
            Assert.InRange(p.Lo95, 0, 1);
            Assert.InRange(p.Hi95, 0, 1);
            Assert.InRange(p.Value, 0.97, 1);
            Assert.True(p.Lo95 <= p.Lo80 && p.Lo80 <= p.Value && p.Value <= p.Hi80 && p.Hi80 <= p.Hi95);
        });
    }

    [Fact]
    public void A_score_that_often_sits_at_100_has_intervals_that_reach_100()
    {
        // A small town's composite score: a weighted sum of three rates on a few tickets, 100 in most months.
        var random = new Random(13);
        var series = SyntheticSeries.Score("hotline_composite_score",
            Enumerable.Range(0, 48).Select(_ => random.NextDouble() < 0.6 ? 100 : 90 + 10 * random.NextDouble()));
        Assert.Equal(100, series.Back(series.Transformed[series.Values.ToList().IndexOf(100)]), 9);
        var result = ForecastEngine.Forecast(series, "r", origin: 35);
        Assert.All(result.Points, p =>
        {
            Assert.True(p.Hi80 >= 99.999 && p.Hi95 >= 99.999, $"{p.Month}: 80% up to {p.Hi80}, 95% up to {p.Hi95}");
            Assert.True(p.Hi95 <= 100 && p.Lo95 >= 0);
        });
        // Nine of the twelve months or so are at 100: an interval stopping under it missed them all.
        var (points, in80, _) = SyntheticSeries.Covered(result);
        Assert.True(in80 >= points / 2, $"{in80} of {points} months inside the 80% interval");
    }

    [Fact]
    public void Rates_near_the_bounds_keep_their_intervals_inside()
    {
        var random = new Random(11);
        // Resolution climbing from about 53% towards 99%, as the hotline reports describe.
        var series = SyntheticSeries.Rate("hotline_resolution_rate", Enumerable.Range(0, 60).Select(t =>
        {
            var p = Math.Min(0.995, 0.53 + 0.46 * t / 59.0);
            long d = random.Next(80, 200);
            var n = (long)Math.Clamp(Math.Round(d * p + SyntheticSeries.Gaussian(random) * 3), 0, d);
            return (n, d);
        }));
        var result = ForecastEngine.Forecast(series, "r");
        Assert.All(result.Points, p => Assert.True(p.Lo95 >= 0 && p.Hi95 <= 1, $"{p.Month}: {p.Lo95}..{p.Hi95}"));
        // The regression's time trend would carry the climb past where a rate levels off: it does not compete on rates.
        Assert.DoesNotContain(result.Candidates, c => c.Method == "sdca_autoregression");
    }

    [Fact]
    public void A_short_series_gets_a_non_seasonal_forecast()
    {
        var series = SyntheticSeries.Counts("hotline_tickets", [12, 15, 9, 14, 20, 18, 11, 16, 13, 17]);
        var result = ForecastEngine.Forecast(series, "r");
        Assert.False(result.Seasonal);
        Assert.Equal(12, result.Points.Count);
        Assert.DoesNotContain(result.Candidates, c => c.Method.StartsWith("seasonal", StringComparison.Ordinal));
        Assert.All(result.Points, p => Assert.True(p.Lo95 >= 0 && p.Value >= 0));
        Assert.Equal("2019-11", result.Points[0].Month);
    }

    [Fact]
    public void A_snapshot_measure_gets_a_non_seasonal_forecast()
    {
        var series = SyntheticSeries.Counts("grid_count", Enumerable.Range(0, 36).Select(t => 100.0 + (t / 6) * 5));
        var result = ForecastEngine.Forecast(series, "r");
        Assert.False(result.Seasonal);
        Assert.DoesNotContain(result.Candidates, c => c.Method.StartsWith("seasonal", StringComparison.Ordinal) || c.Method.StartsWith("sdca", StringComparison.Ordinal));
        Assert.All(result.Points, p => Assert.InRange(p.Value, 100, 200));
    }

    [Fact]
    public void Sparse_counts_stay_non_negative()
    {
        var random = new Random(13);
        var series = SyntheticSeries.Counts("whistles", Enumerable.Range(0, 60).Select(_ => random.NextDouble() < 0.2 ? random.Next(1, 4) : 0.0));
        var result = ForecastEngine.Forecast(series, "r");
        Assert.All(result.Points, p => Assert.True(p.Lo95 >= 0 && p.Lo80 >= 0 && p.Value >= 0));
    }

    [Fact]
    public void Intervals_cover_near_nominal_on_held_out_months()
    {
        var random = new Random(17);
        int points = 0, in80 = 0, in95 = 0;
        for (var s = 0; s < 30; s++)
        {
            var series = SyntheticSeries.Counts("hotline_tickets",
                SyntheticSeries.Seasonal(random, 72, 200 + 20 * s, random.NextDouble() * 2 - 1, 40, 15));
            var result = ForecastEngine.Forecast(series, "r", origin: 59);
            var covered = SyntheticSeries.Covered(result);
            (points, in80, in95) = (points + covered.Points, in80 + covered.In80, in95 + covered.In95);
        }
        Assert.InRange((double)in80 / points, 0.70, 0.92);
        Assert.InRange((double)in95 / points, 0.88, 1.0);
    }

    [Fact]
    public void An_origin_outside_the_series_is_an_argument_error()
    {
        var series = SyntheticSeries.Counts("hotline_tickets", Enumerable.Repeat(5.0, 30));
        Assert.Throws<ArgumentException>(() => series.IndexOf("2024-7x"));
        Assert.ThrowsAny<ArgumentException>(() => ForecastEngine.Forecast(series, "r", series.IndexOf("2030-01")));
    }
}
