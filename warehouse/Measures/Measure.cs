namespace Analytics.Warehouse.Measures;

public enum MeasureUnit { Count, Ratio, Score }

/// <summary>
/// Flow: adds up over the months of a period. Cumulative: a flow summed from the beginning to the period's end.
/// Snapshot: the latest state inside the period, never summed over time.
/// </summary>
public enum MeasureKind { Flow, Cumulative, Snapshot }

/// <summary>
/// Which way is better. None for volumes that are neither good nor bad by themselves (tickets, cases, whistles,
/// grids): reports show their change without colour and call no rise or fall an improvement or a deterioration.
/// </summary>
public enum MeasureDirection { Up, Down, None }

/// <summary>One measure (docs/domain/measures.md). Its id is part of the public API.</summary>
/// <param name="Grains">The period grains it has values for (staffing exists only by year).</param>
/// <param name="Direction">Up when higher is better, Down when lower is better, None when neither.</param>
public sealed record Measure(
    string Id,
    string NameZh,
    string NameEn,
    string Definition,
    MeasureUnit Unit,
    MeasureKind Kind,
    string Family,
    MeasureDirection Direction = MeasureDirection.Up,
    string Grains = "month,quarter,year")
{
    /// <summary>How the marts compute it (see <see cref="MeasureSql"/>): declared here, with everything else about it.</summary>
    public required MeasureSql Sql { get; init; }

    public bool IsRate => Unit is MeasureUnit.Ratio;

    /// <summary>Rank 1 among siblings is the highest value unless lower is better (a measure without direction ranks by size).</summary>
    public bool HigherIsBetter => Direction != MeasureDirection.Down;

    public bool HasDirection => Direction != MeasureDirection.None;
}
