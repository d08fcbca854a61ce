using System.Data.Common;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Queries;

/// <summary>
/// A comparison read row by row from DuckDB's reader (<see cref="WarehouseQueries.CompareCursor"/>): what
/// <see cref="Comparison"/> holds, without a <see cref="ComparisonRow"/> per region. The columns are those of
/// <see cref="ComparisonRow"/>'s constructor, in its order; the reliability columns are computed as
/// <see cref="WarehouseQueries.Compare"/> computes them.
/// </summary>
public sealed class ComparisonCursor : IAsyncDisposable
{
    private const int Columns = 12;

    private readonly IAsyncDisposable source;
    private readonly DbDataReader reader;
    private readonly Measure measure;
    private readonly int minDenominator;

    internal ComparisonCursor(IAsyncDisposable source, DbDataReader reader, Measure measure, MeasureInfo info,
        string period, string level, string? within, int minDenominator)
    {
        this.source = source;
        this.reader = reader;
        // The rendered statement selects the row's constructor arguments in order; anything else is a query change
        // this reader has not followed, and must fail loudly rather than write one field under another's name.
        if (reader.FieldCount != Columns)
            throw new InvalidOperationException(
                $"the comparison statement has {reader.FieldCount} columns, not {Columns}");
        this.measure = measure;
        this.minDenominator = minDenominator;
        Measure = info;
        Period = period;
        Level = level;
        Within = within;
    }

    public MeasureInfo Measure { get; }
    public string Period { get; }
    public string Level { get; }
    public string? Within { get; }

    /// <summary>Moves to the next region, best first; false after the last.</summary>
    public bool Read() => reader.Read();

    public string RegionCode => reader.GetString(0);
    public string? RegionName => reader.IsDBNull(1) ? null : reader.GetString(1);
    public string? ParentCode => reader.IsDBNull(2) ? null : reader.GetString(2);
    public double? Value => Double(3);
    public long? Numerator => Long(4);
    public long? Denominator => Long(5);
    public long? SiblingRank => Long(6);
    public long? SiblingCount => Long(7);
    public double? ParentValue => Double(8);
    public double? DifferenceFromParent => Double(9);
    public double? PreviousValue => Double(10);
    public double? Change => Double(11);

    /// <summary>The row's Wilson interval and whether it may be ranked (<see cref="Queries.Reliability"/>).</summary>
    public (double? Low, double? High, bool Reliable) Reliability(long? numerator, long? denominator) =>
        Queries.Reliability.Of(measure, numerator, denominator, minDenominator);

    private double? Double(int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

    private long? Long(int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<long>(column);

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
