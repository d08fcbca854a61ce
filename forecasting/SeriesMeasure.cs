namespace Analytics.Forecasting;

/// <summary>How a measure's values are counted: whole events, a ratio (a rate when its id ends in _rate), or a 0-100 score.</summary>
public enum SeriesUnit { Count, Ratio, Score }

/// <summary>
/// Flow: adds up over the months (has a calendar rhythm and sampling noise). Cumulative: a flow summed from the
/// beginning. Snapshot: a state at the month's end, with no season worth modelling.
/// </summary>
public enum SeriesKind { Flow, Cumulative, Snapshot }

/// <summary>
/// What the forecasting maths needs to know about a measure: its id (carried into the result, and the _rate suffix that
/// bounds a ratio to [0, 1]), its unit and its kind. The API builds it from the warehouse's measure catalogue, so this
/// library does not depend on the warehouse.
/// </summary>
public sealed record SeriesMeasure(string Id, SeriesUnit Unit, SeriesKind Kind);
