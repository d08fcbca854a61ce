namespace Analytics.Forecasting;

/// <summary>
/// Forecasts one series from one origin: every candidate method is backtested from rolling origins and scored by the
/// mean absolute error of its forecasts as they would have been shown (<see cref="MedianAtBounds"/>); the mean of the
/// <see cref="Combined"/> best (ties go to the simpler method, listed first) is refitted on the whole history and its
/// intervals calibrated on its backtest errors and those of the choosing itself (<see cref="CalibrationErrors"/>).
/// No database here: the tests and the bench call this directly.
/// </summary>
public static class ForecastEngine
{
    /// <summary>
    /// How many of the best candidates are averaged (on the model scale). Two years of backtest cannot tell a dozen
    /// candidates apart on a noisy series, and the single best was often best by luck: the M3/M4 lesson, that a
    /// combination is seldom far behind the best method and often ahead. Chosen on hold-out years that end before the
    /// bench's origins (12 months after 2021-12 and 2022-06, every moving series of the samples and the 1M-ticket
    /// warehouse, 1,782 forecasts): median MASE 0.460 and 0.528 with the best 3, 0.491 and 0.534 with the best alone,
    /// 0.464 and 0.530 with 2, 0.457 and 0.524 with 4 (3 and 4 are level; 3 fits fewer models).
    /// </summary>
    internal const int Combined = 3;

    private const int SeasonalMonths = 24;
    private const int BacktestOrigins = 24;
    private static readonly Method Regression = new RegressionMethod();

    /// <summary>
    /// The regression competes where it has something to learn from: three years or more of a count that is not
    /// mostly empty months (a small town's few whistles a year are noise to it, and it is the costly candidate). Not
    /// for rates: its time trend carries a rate climbing towards 97% on past where it levels off on the logit scale. On
    /// the 10M-ticket warehouse, leaving it out of rates took their 80% coverage from 72.5% to 77.3% and their median
    /// MASE from 0.205 to 0.203; on counts it still wins (hotline tickets 0.873 with it, 0.918 without).
    /// </summary>
    private static IReadOnlyList<Method> Candidates(bool seasonal, int history, bool dense, bool bounded) =>
    [
        SimpleMethods.Naive, SimpleMethods.Mean12, SimpleMethods.Ses, SimpleMethods.Drift, SimpleMethods.Damped,
        .. seasonal
            ? new[] { SimpleMethods.SeasonalNaive, SimpleMethods.SeasonalSes, SimpleMethods.SeasonalDamped }
            : [],
        .. seasonal && dense && !bounded && history >= 36 ? new[] { Regression } : [],
        .. seasonal ? new[] { ModelMethods.EtsSeasonal, ModelMethods.ThetaSeasonal, ModelMethods.CombinationSeasonal }
            : new[] { ModelMethods.Ets, ModelMethods.Theta, ModelMethods.Combination },
        .. !dense && !bounded ? new[] { ModelMethods.Croston } : [],
    ];

    /// <summary>Twelve months from <paramref name="origin"/>, the index of the last month the forecast may know (the series' last by default).</summary>
    public static ForecastResult Forecast(MonthlySeries series, string regionCode, int? origin = null) =>
        Forecast(series, regionCode, origin, out _);

    /// <summary>The same, with each month's <see cref="Predictive"/> distribution for the bench and tests.</summary>
    public static ForecastResult Forecast(MonthlySeries series, string regionCode, int? origin, out IReadOnlyList<Predictive> predictive)
    {
        var last = origin ?? series.Length - 1;
        if (last < 0 || last >= series.Length)
            throw new ArgumentOutOfRangeException(nameof(origin),
                $"origin must lie between {series.MonthAt(0)} and {series.MonthAt(series.Length - 1)}");
        var history = last + 1;
        // The months after the origin only give the points their actual values; nothing else may read them.
        var full = series;
        series = series.Upto(history);
        // Snapshots (a count of grids, a state) have no calendar rhythm worth modelling; under two years no season can be estimated.
        var seasonal = series.Measure.Kind != SeriesKind.Snapshot && history >= SeasonalMonths;
        var dense = Enumerable.Range(0, history).Count(i => series.Observed(i) == 0) * 4 < history;
        // Every candidate forecasts a constant history as that constant, with no backtest error, and the tie goes to
        // naive: backtesting the others would only spend time (most series of a province are flat reform counts).
        var flat = series.Transformed.AsSpan(0, history).IndexOfAnyExcept(series.Transformed[0]) < 0;
        var candidates = flat ? [SimpleMethods.Naive] : Candidates(seasonal, history, dense, series.Bounded);
        var firstTrain = seasonal
            ? Math.Max(SeasonalMonths, history - BacktestOrigins)
            : Math.Max(Math.Min(12, Math.Max(3, history / 2)), history - BacktestOrigins);
        var scale = Backtest.MaseScale(series, history);

        // Floors by origin, shared by every candidate's scores.
        var floors = new double[]?[history + 1];
        double[] FloorAt(int train) => floors[train] ??= ErrorFloor.At(series, train);

        // With two years of origins, every other month is enough: neighbouring origins share 11 of their 12 target
        // months, and halving them halved the time to forecast a province (19 s instead of 31 s for 78,709 series)
        // for a median MASE within 0.01.
        var stride = history - firstTrain >= BacktestOrigins ? 2 : 1;
        // A combination's backtest is the mean of its parts' (same origins, same refits): fitting ETS's forms again for
        // it cost a third of a province's time.
        var runs = new List<(Method Method, List<BacktestForecast> Forecasts)>(candidates.Count);
        foreach (var m in candidates)
        {
            var parts = m is ModelMethods.Combined c
                ? c.Parts.Select(p => runs.FirstOrDefault(r => r.Method == p).Forecasts).ToList()
                : null;
            var forecasts = history <= firstTrain ? []
                : parts is not null && parts.All(p => p is not null) ? Backtest.Average(series, parts!)
                : Backtest.Run(m, series, history, firstTrain, stride);
            runs.Add((m, forecasts));
        }
        var ranked = runs
            .Select((r, order) => (r.Method, r.Forecasts, Order: order,
                Mae: r.Forecasts.Count > 0 ? r.Forecasts.Average(f => Math.Abs(f.Actual - f.ForecastValue)) : double.PositiveInfinity))
            .OrderBy(r => r.Mae).ThenBy(r => r.Order)
            .ToList();
        // Without a backtest (a series of a few months) nothing can be told apart: the simplest candidate stands.
        var best = ranked.Where(r => double.IsFinite(r.Mae) && r.Forecasts.Count == ranked[0].Forecasts.Count)
            .Take(Combined).ToList();
        var chosen = best.Count > 1
            ? (Method: (Method)new ModelMethods.Combined(string.Join("+", best.Select(r => r.Method.Name)), seasonal,
                    [.. best.Select(r => r.Method)]),
                Forecasts: Backtest.Average(series, [.. best.Select(r => r.Forecasts)]))
            : (ranked[0].Method, ranked[0].Forecasts);
        var backtests = runs.Select(r => r.Forecasts).ToList();
        var calibration = CalibrationErrors.For(series, backtests, chosen.Forecasts);
        var copies = CalibrationErrors.Copies(backtests);

        // Coverage needs intervals calibrated at every origin, the costly part of a score: it is computed once for the
        // method whose intervals are served and for the baselines, not for candidates nobody sees intervals of.
        var covered = new Dictionary<Method, BacktestScores>();
        BacktestScores Covered(Method method, List<BacktestForecast> forecasts, List<BacktestForecast>? calibrated = null) =>
            covered.TryGetValue(method, out var known) ? known
                : covered[method] = Backtest.Score(method.Name, forecasts, scale, FloorAt, calibrated,
                    calibrated is null ? 1 : copies);
        var chosenScores = Covered(chosen.Method, chosen.Forecasts, calibration);
        var baselines = new List<BacktestScores>();
        if (firstTrain >= 12 && history > firstTrain)
        {
            var seasonalNaive = runs.FirstOrDefault(r => r.Method == SimpleMethods.SeasonalNaive).Forecasts
                ?? Backtest.Run(SimpleMethods.SeasonalNaive, series, history, firstTrain, stride);
            baselines.Add(Covered(SimpleMethods.SeasonalNaive, seasonalNaive));
        }
        // Naive is always the first candidate.
        baselines.Add(Covered(SimpleMethods.Naive, runs[0].Forecasts));

        var y = series.Transformed[..history];
        var path = Path(chosen.Method, y, series.MonthOfYear(0));
        var intervals = Intervals.Calibrate(calibration, () => FloorAt(history), copies);
        var points = new List<ForecastPoint>(MonthlySeries.HorizonMax);
        var denominator = Backtest.Denominator(series, history);
        var distributions = new List<Predictive>(MonthlySeries.HorizonMax);
        for (var k = 0; k < path.Length; k++)
        {
            // Without enough backtest errors (a series of a few months), the spread of monthly changes, widening like a random walk.
            var w80 = intervals.HalfWidth(k + 1, 0.80);
            var w95 = intervals.HalfWidth(k + 1, 0.95);
            if (!intervals.Calibrated)
            {
                w80 = Math.Max(w80, 1.28 * FallbackSpread(y) * Math.Sqrt(k + 1));
                w95 = Math.Max(w95, 1.96 * FallbackSpread(y) * Math.Sqrt(k + 1));
            }
            var index = history + k;
            double Snap(double value) => MedianAtBounds.Snap(series, denominator, value);
            points.Add(new ForecastPoint(series.MonthAt(index), Snap(series.Back(path[k])),
                Snap(Bound(series, path[k] - w80, -1)), Snap(Bound(series, path[k] + w80, 1)),
                Snap(Bound(series, path[k] - w95, -1)), Snap(Bound(series, path[k] + w95, 1)),
                index < full.Length ? full.Values[index] : null));
            distributions.Add(new Predictive(series, path[k], w80, w95));
        }
        predictive = distributions;
        var scores = ranked.Select(r => covered.GetValueOrDefault(r.Method) ?? Backtest.Score(r.Method.Name, r.Forecasts, scale, null)).ToList();
        return new ForecastResult(series.Measure.Id, regionCode, series.MonthAt(last), MonthlySeries.HorizonMax,
            chosen.Method.Name, series.Scale, seasonal, history, points, chosenScores, baselines, scores);
    }

    /// <summary>
    /// A count is whole, so its bounds are the quantiles of the whole numbers the model-scale interval stands for: a
    /// count k takes the model's mass from k − ½ to k + ½ (the continuity correction), so the lower bound is the
    /// smallest k whose k + ½ clears the model's lower bound and the upper one the smallest k whose k + ½ reaches its
    /// upper bound, and the interval still holds at least its level. Rounding both bounds outwards instead added up to
    /// a whole count on each side: intervals of a few tickets a month covered 97% at 80%. A flat count stays on its own
    /// value, though expm1(log1p(6)) is a hair off 6.
    /// </summary>
    private static double Bound(MonthlySeries series, double y, int side)
    {
        var value = series.Back(y);
        if (series.Measure.Unit == SeriesUnit.Count)
            return Math.Max(0, Math.Ceiling(value - 0.5 - 1e-9));
        // A flat rate's interval is its point, and the way back from the logit may land a hair beside it.
        value += side * 1e-9 * Math.Max(1, Math.Abs(value));
        return Math.Clamp(value, 0, series.Maximum);
    }

    /// <summary>
    /// The 12-month path of <paramref name="method"/> fitted on <paramref name="y"/>; a mean of candidates fits each
    /// model once, though ETS is both a candidate and a part of the ETS-Theta one.
    /// </summary>
    private static double[] Path(Method method, double[] y, int firstMonth, Dictionary<Method, double[]>? fitted = null)
    {
        fitted ??= [];
        if (fitted.TryGetValue(method, out var known))
            return known;
        double[] path;
        if (method is ModelMethods.Combined combined)
        {
            path = new double[MonthlySeries.HorizonMax];
            foreach (var part in combined.Parts)
            {
                var partPath = Path(part, y, firstMonth, fitted);
                for (var k = 0; k < path.Length; k++)
                    path[k] += partPath[k] / combined.Parts.Count;
            }
        }
        else
        {
            path = method.Fit(y, firstMonth)(y, MonthlySeries.HorizonMax);
        }
        return fitted[method] = path;
    }

    private static double FallbackSpread(double[] y)
    {
        if (y.Length < 3)
            return 0.5;
        var changes = y.Skip(1).Select((v, i) => v - y[i]).ToArray();
        var mean = changes.Average();
        return Math.Max(0.05, Math.Sqrt(changes.Average(c => (c - mean) * (c - mean))));
    }
}
