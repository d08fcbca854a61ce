namespace Analytics.Impact;

/// <summary>
/// The effect <see cref="EventTime"/> months after the reform (negative: before it; -1 is the base month and is 0 by
/// construction), averaged over the cohorts that have a comparison in that month, with its cluster-bootstrap standard
/// error and 95% interval. Null estimate: no cohort had both reformed townships and not-yet-reformed ones to compare.
/// </summary>
public sealed record EventEffect(int EventTime, double? Estimate, double? StandardError, double? Low, double? High,
    int Cohorts, int TreatedUnits, int ComparisonUnits);

/// <summary>The average of the event-time effects from month 0 to the last estimable month of the window.</summary>
public sealed record OverallEffect(double Estimate, double StandardError, double Low, double High, double PValue,
    int FirstEventTime, int LastEventTime);

/// <summary>
/// Joint test that every pre-reform effect (event times before -1) is zero, a Wald statistic on the bootstrap
/// covariance with Hotelling's F correction for the covariance being estimated; a small p-value means reformed and
/// not-yet-reformed townships were already drifting apart before the reform.
/// </summary>
public sealed record PreTrendTest(double Statistic, int Months, double PValue, bool Rejected);

/// <summary>
/// An impact estimate (Callaway–Sant'Anna with not-yet-treated comparisons): effects by event time, their average
/// after the reform, the pre-trend test, how many townships took part, and plain-Chinese warnings when the groups
/// are small or the assumptions look violated.
/// </summary>
public sealed record ImpactEstimate(
    IReadOnlyList<EventEffect> Events,
    OverallEffect? Overall,
    PreTrendTest? PreTrend,
    int TreatedUnits,
    int ComparisonUnits,
    int NeverTreatedUnits,
    int AlwaysTreatedUnits,
    int Cohorts,
    int Replicates,
    IReadOnlyList<string> Warnings);
