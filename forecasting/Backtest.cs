namespace Analytics.Forecasting;

/// <summary>
/// One backtest forecast: trained on the first <see cref="Train"/> months, <see cref="Step"/> months ahead (1-based).
/// <see cref="ForecastValue"/> is the forecast as the user is shown it (<see cref="MedianAtBounds"/>), on the
/// measure's scale; <see cref="Distance"/> is the smallest model-scale half-width around <see cref="Forecast"/> whose
/// bounds, read as the user sees them, hold <see cref="Actual"/>.
/// </summary>
internal readonly record struct BacktestForecast(
    int Train, int Step, double Model, double Forecast, double Actual, double ForecastValue, double Distance)
{
    /// <summary>Index of the forecast month in the series.</summary>
    public int Target => Train + Step - 1;

    /// <summary>The error on the model scale, where intervals are built.</summary>
    public double Error => Model - Forecast;
}

/// <summary>
/// Rolling-origin backtest of one method on one series: origins over the last 24 months of history (fewer for short
/// series), each forecasting up to 12 months but never past the history's last month. Regressions are refitted once a
/// year of origins. With a stride of 2 origins are every other month, the last one always the month before the
/// history's end.
/// </summary>
public static class Backtest
{
    internal static List<BacktestForecast> Run(Method method, MonthlySeries series, int history, int firstTrain, int stride = 1)
    {
        var y = series.Transformed;
        var results = new List<BacktestForecast>();
        Func<double[], int, double[]>? forecaster = null;
        var fitted = 0;
        for (var train = firstTrain + (history - 1 - firstTrain) % stride; train < history; train += stride)
        {
            var known = y[..train];
            if (forecaster is null || train - fitted >= method.RefitEvery)
            {
                forecaster = method.Fit(known, series.MonthOfYear(0));
                fitted = train;
            }
            var steps = Math.Min(MonthlySeries.HorizonMax, history - train);
            var path = forecaster(known, steps);
            var denominator = Denominator(series, train);
            for (var k = 0; k < steps; k++)
            {
                var target = train + k;
                var actual = series.Observed(target);
                results.Add(new BacktestForecast(train, k + 1, y[target], path[k], actual,
                    Served(series, denominator, path[k]), Distance(series, path[k], actual, y[target])));
            }
        }
        return results;
    }

    /// <summary>The backtest of the mean of methods from their own backtests, run from the same origins.</summary>
    internal static List<BacktestForecast> Average(MonthlySeries series, IReadOnlyList<List<BacktestForecast>> parts)
    {
        var first = parts[0];
        var results = new List<BacktestForecast>(first.Count);
        var denominator = 0.0;
        for (var i = 0; i < first.Count; i++)
        {
            if (i == 0 || first[i].Train != first[i - 1].Train)
                denominator = Denominator(series, first[i].Train);
            results.Add(Average(series, parts, i, denominator));
        }
        return results;
    }

    /// <summary>The mean of the parts' model-scale forecasts of backtest month <paramref name="i"/>.</summary>
    internal static BacktestForecast Average(MonthlySeries series, IReadOnlyList<List<BacktestForecast>> parts, int i,
        double denominator)
    {
        double f = 0;
        foreach (var part in parts)
            f += part[i].Forecast;
        f /= parts.Count;
        var e = parts[0][i];
        return e with
        {
            Forecast = f,
            ForecastValue = Served(series, denominator, f),
            Distance = Distance(series, f, e.Actual, e.Model),
        };
    }

    /// <summary>A model-scale forecast as the user is shown it (<see cref="MedianAtBounds"/>).</summary>
    internal static double Served(MonthlySeries series, double denominator, double f) =>
        MedianAtBounds.Snap(series, denominator, series.Back(f));

    /// <summary>The denominator a rate forecast from <paramref name="train"/> months is read with (else 0).</summary>
    internal static double Denominator(MonthlySeries series, int train) =>
        series.Bounded ? series.TypicalDenominator(train) : 0;

    /// <summary>
    /// How far a bound must lie from the model-scale forecast <paramref name="f"/> to hold <paramref name="actual"/>
    /// as read: a whole count k lies inside whole-number bounds once the model's interval reaches k ± ½ (the bounds
    /// are the continuity-corrected quantiles, see the engine), a rate once it reaches the rate itself on the series'
    /// own way back from the logit. Other values: the model-scale error.
    /// </summary>
    internal static double Distance(MonthlySeries series, double f, double actual, double model)
    {
        if (series.Bounded)
            return Math.Abs(series.Forward(actual) - f);
        if (series.Measure.Unit != SeriesUnit.Count)
            return Math.Abs(model - f);
        var below = f - series.Forward(actual + 0.5);
        var above = actual >= 0.5 ? series.Forward(actual - 0.5) - f : 0;
        return Math.Max(0, Math.Max(below, above));
    }

    /// <summary>
    /// MASE, sMAPE and the coverage of intervals that, at each origin, are calibrated only on the backtest errors
    /// whose months were already known then and floored by <paramref name="floorAt"/> (the error floor of the history up
    /// to that origin), so coverage is what a user would have seen. The errors are <paramref name="calibration"/> where
    /// the served intervals are calibrated on more than the method's own (see <see cref="CalibrationErrors"/>).
    /// </summary>
    /// <remarks>Without <paramref name="floorAt"/> only MASE and sMAPE are scored (coverage is null).</remarks>
    internal static BacktestScores Score(string method, IReadOnlyList<BacktestForecast> forecasts, double? maseScale,
        Func<int, double[]>? floorAt, IReadOnlyList<BacktestForecast>? calibration = null, int copies = 1)
    {
        if (forecasts.Count == 0)
            return new BacktestScores(method, null, null, null, null, 0);
        var mae = forecasts.Average(f => Math.Abs(f.Actual - f.ForecastValue));
        var smape = forecasts.Average(f =>
        {
            var denominator = Math.Abs(f.Actual) + Math.Abs(f.ForecastValue);
            return denominator == 0 ? 0 : 200 * Math.Abs(f.Actual - f.ForecastValue) / denominator;
        });
        var (coverage80, coverage95) = floorAt is null ? (null, null)
            : Coverage(forecasts, calibration ?? forecasts, copies, floorAt);
        return new BacktestScores(method, maseScale is > 0 ? mae / maseScale : null, smape, coverage80, coverage95, forecasts.Count);
    }

    private static (double? In80, double? In95) Coverage(IReadOnlyList<BacktestForecast> forecasts,
        IReadOnlyList<BacktestForecast> calibrated, int copies, Func<int, double[]> floorAt)
    {
        int checkedCount = 0, in80 = 0, in95 = 0;
        foreach (var group in forecasts.GroupBy(f => f.Train))
        {
            var known = calibrated.Where(f => f.Target < group.Key).ToList();
            var calibration = Intervals.Calibrate(known, () => floorAt(group.Key), copies);
            if (!calibration.Calibrated)
                continue;
            foreach (var f in group)
            {
                var distance = f.Distance;
                checkedCount++;
                if (distance <= calibration.HalfWidth(f.Step, 0.80))
                    in80++;
                if (distance <= calibration.HalfWidth(f.Step, 0.95))
                    in95++;
            }
        }
        return checkedCount > 0 ? ((double)in80 / checkedCount, (double)in95 / checkedCount) : (null, null);
    }

    /// <summary>
    /// The MASE denominator for a history of <paramref name="history"/> months: the in-sample error of seasonal naive from
    /// two years on (naive before, or when seasonal naive's error is zero).
    /// </summary>
    public static double? MaseScale(MonthlySeries series, int history) =>
        InSampleScale(series, history, history >= 24 ? 12 : 1) is > 0 and var s ? s : InSampleScale(series, history, 1);

    /// <summary>Mean absolute error of the method that repeats the value <paramref name="lag"/> months earlier, in sample.</summary>
    private static double? InSampleScale(MonthlySeries series, int history, int lag)
    {
        if (history <= lag)
            return null;
        double sum = 0;
        for (var t = lag; t < history; t++)
            sum += Math.Abs(series.Observed(t) - series.Observed(t - lag));
        return sum / (history - lag);
    }
}
