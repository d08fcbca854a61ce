namespace Analytics.Generator;

/// <summary>A deliberately bad row, reported by file, record number (header = 1) and column.</summary>
internal sealed record Defect(string File, int Record, string Column, string What);

/// <summary>What a run wrote: rows per file for the summary, and the planted defects for the README.</summary>
internal sealed class WriteLog
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly List<Defect> _defects = [];

    public string Root { get; }

    public WriteLog(string root) => Root = root;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Wrote(string relative, long rows)
    {
        lock (_gate)
        {
            _rows[relative.Replace('\\', '/')] = rows;
        }
    }

    public void Defect(string relative, int record, string column, string what)
    {
        lock (_gate)
        {
            _defects.Add(new Defect(relative.Replace('\\', '/'), record, column, what));
        }
    }

    public IReadOnlyDictionary<string, long> Rows => _rows;

    public IReadOnlyList<Defect> Defects => _defects.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Record).ToList();

    /// <summary>Rows per family (first folder, or the file name at the root).</summary>
    public IEnumerable<(string Family, int Files, long Rows)> Families() =>
        _rows.GroupBy(kv => FamilyOf(kv.Key), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Sum(kv => kv.Value)));

    private static string FamilyOf(string relative)
    {
        var name = relative.Split('/')[^1];
        var stem = name.Split('.')[0];
        var cut = stem.IndexOf('_', StringComparison.Ordinal);
        var folder = relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] + "/" : "";
        return folder + (cut > 0 ? stem[..cut] : stem);
    }
}
