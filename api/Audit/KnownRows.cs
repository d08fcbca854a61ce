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
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var value in strings)
        {
            if (value is null || !ResponseRows.IsRegionCode(value))
                continue;
            // As ResponseRows: once the list is full, any further code (even one already listed) marks it cut.
            if (regions.Count >= ResponseRows.MaxRegions)
            {
                truncated = true;
                break;
            }
            regions.Add(value);
        }
        return new KnownRows(rows, regions, truncated);
    }
}
