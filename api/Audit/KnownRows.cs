namespace Analytics.Api.Audit;

/// <summary>
/// What a handler that built its answer from typed values tells the audit about it: the rows and the region codes
/// <see cref="ResponseRows"/> would have read from the body, with the same rules (12-digit strings, in document order,
/// at most <see cref="ResponseRows.MaxRegions"/>). Set as a request feature before the body is written, it spares
/// <see cref="RequestRecorder"/> parsing the body: half a megabyte of JSON for a township comparison, each time.
/// </summary>
public sealed class KnownRows
{
    private KnownRows(long rows, IReadOnlyCollection<string> regions, bool truncated)
    {
        Rows = rows;
        Regions = regions;
        RegionsTruncated = truncated;
    }

    public long Rows { get; }

    public IReadOnlyCollection<string> Regions { get; }

    public bool RegionsTruncated { get; }

    /// <summary>
    /// <paramref name="rows"/> rows, and the region codes among <paramref name="strings"/>: every string value of the
    /// answer, in the order it is written.
    /// </summary>
    public static KnownRows Of(long rows, IEnumerable<string?> strings)
    {
        var collector = new Collector();
        foreach (var value in strings)
            collector.See(value);
        return collector.Finish(rows);
    }

    /// <summary>
    /// Sees an answer's string values one at a time, in the order they are written, for a writer that streams its
    /// rows and keeps none of them.
    /// </summary>
    public sealed class Collector
    {
        private readonly HashSet<string> regions = new(StringComparer.Ordinal);
        private bool truncated;

        public void See(string? value)
        {
            if (truncated || value is null || !ResponseRows.IsRegionCode(value))
                return;
            // As ResponseRows: once the list is full, any further code (even one already listed) marks it cut.
            if (regions.Count >= ResponseRows.MaxRegions)
                truncated = true;
            else
                regions.Add(value);
        }

        public KnownRows Finish(long rows) => new(rows, regions, truncated);
    }
}
