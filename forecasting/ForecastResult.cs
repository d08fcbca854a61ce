namespace Analytics.Forecasting;

/// <summary>
/// One forecast month (e.g. 2024-07): the point value, its 80% and 95% intervals, and the warehouse's actual value
/// for the month when the forecast starts from an origin before the series' last month, to check against.
/// </summary>
public sealed record ForecastPoint(string Month, double Value, double Lo80, double Hi80, double Lo95, double Hi95, double? Actual);

/// <summary>
/// How a method did in the rolling-origin backtest of one series: every origin of the last months, every horizon up
/// to 12. MASE is scaled by the in-sample one-step seasonal-naive error (naive when the series is under 24 months or
/// a snapshot), so below 1 beats it. Coverage is the share of actual values inside the intervals, each interval
/// calibrated only on backtest errors that were known at its origin; it is scored for the chosen method and the
/// baselines, and null for the other candidates, whose intervals are never served.
/// </summary>
public sealed record BacktestScores(string Method, double? Mase, double? Smape, double? Coverage80, double? Coverage95, int Forecasts);

/// <summary>
/// A measure's monthly forecast for a region, the method its backtest chose, and the backtest scores.
/// Method is the mean of the three best candidates, named a+b+c (one name where only one could be backtested).
/// Origin is the last month the forecast knows (the points start the month after); Scale is where the models work
/// (logit for rates, log1p for counts and other non-negative values); Seasonal says whether seasonal methods competed
/// (flow or cumulative measures with 24 months or more); Chosen holds the served forecast's backtest scores, Baselines
/// seasonal naive (when the backtest starts at 12 months or later) and naive in the same backtest, Candidates every
/// method that competed, best first.
/// </summary>
public sealed record ForecastResult(
    string MeasureId, string RegionCode, string Origin, int Horizon, string Method, string Scale, bool Seasonal,
    int HistoryMonths, IReadOnlyList<ForecastPoint> Points, BacktestScores Chosen, IReadOnlyList<BacktestScores> Baselines,
    IReadOnlyList<BacktestScores> Candidates)
{
    /// <summary>The method's Chinese name, as the charts, reports and workbench show it (<see cref="MethodNames"/>).</summary>
    public string MethodZh => MethodNames.Zh(Method);

    /// <summary>The same forecast cut to fewer months (the cache keeps 12).</summary>
    public ForecastResult Take(int horizon) =>
        horizon >= Points.Count ? this : this with { Horizon = horizon, Points = Points.Take(horizon).ToList() };
}
