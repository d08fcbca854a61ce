namespace Analytics.Etl.Load;

/// <summary>
/// What a load changed, for the marts: the months of each monthly table whose Parquet parts were added or dropped,
/// and whether any small (unpartitioned) table changed, which recomputes every period (they are cheap).
/// </summary>
internal sealed class LoadChanges
{
    public Dictionary<string, SortedSet<DateOnly>> Months { get; } = new(StringComparer.Ordinal);

    public HashSet<string> WholeTables { get; } = new(StringComparer.Ordinal);

    public bool Any => Months.Values.Any(m => m.Count > 0) || WholeTables.Count > 0;

    public void Month(string table, DateOnly? month)
    {
        if (month is not { } m)
            return;
        if (!Months.TryGetValue(table, out var set))
            Months[table] = set = [];
        set.Add(m);
    }

    public void Whole(string table) => WholeTables.Add(table);
}
