namespace Analytics.Api.Queries;

/// <summary>A measure as dashboards label it.</summary>
public sealed record MeasureInfo(string Id, string NameZh, string NameEn, string Unit, string Kind, bool HigherIsBetter)
{
    /// <summary>up, down or none (a volume: no colour, no improvement or deterioration).</summary>
    public string Direction { get; init; } = "up";
}

/// <summary>
/// A rate's Wilson 95% interval (null for counts and scores) and whether its denominator reaches the minimum for
/// ranking (<see cref="Reliability"/>); every row of the answers carries these.
/// </summary>
public interface IReliable
{
    double? Low { get; }
    double? High { get; }
    bool Reliable { get; }
}

/// <summary>One region in a comparison: its value, rank among its siblings, parent's value and change.</summary>
public sealed record ComparisonRow(
    string RegionCode, string RegionName, string? ParentCode, double? Value, long? Numerator, long? Denominator,
    long? SiblingRank, long? SiblingCount, double? ParentValue, double? DifferenceFromParent,
    double? PreviousValue, double? Change) : IReliable
{
    public double? Low { get; init; }
    public double? High { get; init; }
    public bool Reliable { get; init; } = true;
}

/// <summary>Regions of one level compared on one measure and period, best first.</summary>
public sealed record Comparison(MeasureInfo Measure, string Period, string Level, string? Within, IReadOnlyList<ComparisonRow> Regions);

/// <summary>One period of a trend, with the parent region's value for reference.</summary>
public sealed record TrendPoint(string Period, double? Value, long? Numerator, long? Denominator, double? ParentValue, double? Change) : IReliable
{
    public double? Low { get; init; }
    public double? High { get; init; }
    public bool Reliable { get; init; } = true;
}

/// <summary>A measure for a region over a range of periods of one grain.</summary>
public sealed record Trend(MeasureInfo Measure, string RegionCode, string RegionName, string? ParentCode, string? ParentName,
    string Grain, IReadOnlyList<TrendPoint> Points);

/// <summary>One key figure of an overview.</summary>
public sealed record Figure(MeasureInfo Measure, double? Value, long? Numerator, long? Denominator, double? PreviousValue,
    double? Change, long? SiblingRank, long? SiblingCount, double? ParentValue) : IReliable
{
    public double? Low { get; init; }
    public double? High { get; init; }
    public bool Reliable { get; init; } = true;
}

/// <summary>The key figures of a region in a period.</summary>
public sealed record Overview(string RegionCode, string RegionName, string Level, string Period, IReadOnlyList<Figure> Figures);
