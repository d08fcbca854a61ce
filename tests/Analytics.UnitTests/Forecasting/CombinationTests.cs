using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>
/// The served forecast is the mean of the best few candidates of the backtest, each scored on its forecasts as they
/// would have been shown (a sparse count at 0, a rate on a few tickets at 100%).
/// </summary>
public sealed class CombinationTests
{
    private static readonly Method[] Known =
    [
        SimpleMethods.Naive, SimpleMethods.Mean12, SimpleMethods.Ses, SimpleMethods.Drift, SimpleMethods.Damped,
        SimpleMethods.SeasonalNaive, SimpleMethods.SeasonalSes, SimpleMethods.SeasonalDamped, ModelMethods.Ets,
        ModelMethods.Theta, ModelMethods.Combination, ModelMethods.Croston,
    ];

    [Fact]
    public void The_forecast_is_the_mean_of_the_three_candidates_with_the_smallest_backtest_error()
    {
        // A noisy trend without season over 20 months (no seasonal candidates, no regression): every part can be
        // refitted here and averaged on the model scale.
        var random = new Random(23);
        var series = SyntheticSeries.Counts("enforcement_cases",
            Enumerable.Range(0, 20).Select(t => Math.Round(40 + 1.5 * t + 6 * SyntheticSeries.Gaussian(random))));
        var result = ForecastEngine.Forecast(series, "r");

        var parts = result.Method.Split('+');
        Assert.Equal(3, parts.Length);
        Assert.Equal(result.Candidates.Take(3).Select(c => c.Method), parts);
        Assert.True(result.Candidates[2].Mase <= result.Candidates[3].Mase);
        var y = series.Transformed;
        var paths = parts.Select(name => Known.First(m => m.Name == name && !m.Seasonal).Fit(y, 0)(y, 12)).ToList();
        for (var k = 0; k < 12; k++)
        {
            var mean = paths.Average(p => p[k]);
            Assert.Equal(Math.Max(0, double.ExpM1(mean)), result.Points[k].Value, 1e-9);
        }
    }

    [Fact]
    public void A_count_with_an_event_every_few_months_is_forecast_at_zero_with_an_interval_that_holds_one()
    {
        // About one whistle in eight months: a month is empty with probability 0.88, so its median is 0, which any
        // forecast above zero misses every empty month by. The interval still holds a month with one.
        var random = new Random(29);
        var series = SyntheticSeries.Counts("whistles",
            Enumerable.Range(0, 48).Select(_ => (double)SyntheticSeries.Poisson(random, 0.125)));
        var result = ForecastEngine.Forecast(series, "r", origin: 35);

        Assert.All(result.Points, p =>
        {
            Assert.Equal(0, p.Value);
            Assert.Equal(0, p.Lo80);
            Assert.True(p.Hi95 >= 1, $"{p.Month}: 95% interval {p.Lo95}-{p.Hi95}");
        });
        var (forecast, _) = SyntheticSeries.HoldoutErrors(series, result, 35);
        var heldOut = Enumerable.Range(36, 12).Select(i => series.Values[i]!.Value).ToList();
        Assert.Equal(heldOut.Average(), forecast, 1e-9);
    }

    [Fact]
    public void A_rate_on_a_few_tickets_is_chosen_on_what_the_user_is_shown()
    {
        // 6-8 tickets a month, 97% resolved: most months are 100%. The backtest reads every candidate's forecast
        // as served, so the naive candidate's forecast of a month at 86% counts as 86% but a forecast of 97% counts
        // as 100%, and the backtest's error is that of the forecast the chart would have shown.
        var random = new Random(31);
        var months = Enumerable.Range(0, 48).Select(_ =>
        {
            long d = random.Next(6, 9);
            return (SyntheticSeries.Binomial(random, d, 0.97), d);
        }).ToList();
        var series = SyntheticSeries.Rate("hotline_resolution_rate", months);
        var forecasts = Backtest.Run(ModelMethods.Theta, series, 48, 24, 2);
        Assert.All(forecasts, f =>
        {
            var denominator = series.TypicalDenominator(f.Train);
            var shown = series.Back(f.Forecast);
            Assert.Equal(Math.Pow(shown, denominator) >= 0.5 ? 1 : shown, f.ForecastValue, 1e-12);
        });
        Assert.Contains(forecasts, f => f.ForecastValue == 1);
        Assert.All(ForecastEngine.Forecast(series, "r").Points, p => Assert.Equal(1, p.Value));
    }

    [Fact]
    public void A_forecast_from_an_earlier_origin_reads_nothing_after_it()
    {
        // A rate on a few tickets a month until the origin, then on hundreds: the later months' ticket counts must not
        // change how the forecast from the origin is read back to a rate (they did, through the series' denominator).
        var random = new Random(11);
        var rows = Enumerable.Range(0, 48).Select(i =>
        {
            long d = i < 36 ? random.Next(3, 8) : random.Next(300, 500);
            long n = Math.Min(d, (long)Math.Round(d * (0.80 + 0.1 * random.NextDouble())));
            return new MonthValue(SyntheticSeries.Month(i), (double)n / d, n, d);
        }).ToList();
        var measure = CatalogShapes.Of("hotline_resolution_rate");
        var fromOrigin = ForecastEngine.Forecast(MonthlySeries.From(measure, rows)!, "r", origin: 35);
        var cut = ForecastEngine.Forecast(MonthlySeries.From(measure, rows.Take(36).ToList())!, "r");

        Assert.Equal(cut.Method, fromOrigin.Method);
        Assert.Equal(cut.Points.Select(p => (p.Value, p.Lo80, p.Hi80, p.Lo95, p.Hi95)),
            fromOrigin.Points.Select(p => (p.Value, p.Lo80, p.Hi80, p.Lo95, p.Hi95)));
        // The actual values after the origin are still shown beside the forecast.
        Assert.All(fromOrigin.Points, p => Assert.NotNull(p.Actual));
    }

    [Fact]
    public void The_denominator_a_forecast_is_read_with_is_that_of_the_last_twelve_months_with_tickets_before_it()
    {
        // Months without a row (a gap) have no denominator; the typical one is exp(mean log(2d + 1)) − 1, halved.
        var random = new Random(37);
        var months = Enumerable.Range(0, 40).Select(i => i % 7 == 3 ? default((long, long)?)
            : (3L, (long)random.Next(4, 400))).ToList();
        var rows = months.Select((m, i) => m is { } c
            ? new MonthValue(SyntheticSeries.Month(i), (double)c.Item1 / c.Item2, c.Item1, c.Item2)
            : new MonthValue(SyntheticSeries.Month(i), null, null, null)).ToList();
        var series = MonthlySeries.From(CatalogShapes.Of("hotline_resolution_rate"), rows)!;
        for (var history = 0; history <= 40; history++)
        {
            var last = months.Take(history).Where(m => m is not null).TakeLast(12).Select(m => (double)m!.Value.Item2)
                .ToList();
            var expected = last.Count == 0 ? 0 : (Math.Exp(last.Average(d => Math.Log(2 * d + 1))) - 1) / 2;
            Assert.Equal(expected, series.TypicalDenominator(history), 1e-9);
        }
    }
}
