namespace Analytics.Warehouse.Measures;

public enum MeasureUnit { Count, Ratio, Score }

/// <summary>
/// Flow: adds up over the months of a period. Cumulative: a flow summed from the beginning to the period's end.
/// Snapshot: the latest state inside the period, never summed over time.
/// </summary>
public enum MeasureKind { Flow, Cumulative, Snapshot }

/// <summary>One measure of domain.md §5. Its id is part of the public API.</summary>
/// <param name="Grains">The period grains it has values for (staffing exists only by year).</param>
/// <param name="HigherIsBetter">Rank 1 among siblings is the highest value when true, the lowest when false.</param>
public sealed record Measure(
    string Id,
    string NameZh,
    string NameEn,
    string Definition,
    MeasureUnit Unit,
    MeasureKind Kind,
    string Family,
    bool HigherIsBetter = true,
    string Grains = "month,quarter,year")
{
    public bool IsRate => Unit is MeasureUnit.Ratio;
}
