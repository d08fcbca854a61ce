namespace Analytics.Etl.Load;

/// <summary>What a load reads, where it writes, and the measure settings it computes marts with.</summary>
public sealed record LoadOptions(string Source, string Warehouse)
{
    /// <summary>A ticket counts as responded when first contacted within this many hours of dispatch.</summary>
    public double ResponseLimitHours { get; init; } = 24;

    /// <summary>Whether 基本满意 counts as satisfied.</summary>
    public bool CountBasicSatisfied { get; init; } = true;

    /// <summary>Weights of response, resolution and satisfaction in the composite score (a published county scheme).</summary>
    public (double Response, double Resolution, double Satisfaction) CompositeWeights { get; init; } = (0.30, 0.35, 0.35);

    /// <summary>Rebuild core and marts even when no file changed (e.g. after changing a setting).</summary>
    public bool Rebuild { get; init; }

    /// <summary>Remove the rows of files that are no longer in the source folder; without it they are kept.</summary>
    public bool Prune { get; init; }

    /// <summary>Hash every file again even when its size and modification time are unchanged.</summary>
    public bool Rehash { get; init; }

    /// <summary>A rate whose denominator is below this is flagged unreliable (样本不足) in measure_values.</summary>
    public int MinDenominator { get; init; } = 30;

    /// <summary>Files of a family are validated in chunks of about this many bytes, so memory stays bounded.</summary>
    public long ChunkBytes { get; init; } = 256L << 20;

    /// <summary>DuckDB's memory cap for the load; beyond it DuckDB spills to a temp folder beside the generation.</summary>
    public int MemoryLimitMb { get; init; } = 1500;

    /// <summary>How many published generations are kept at least.</summary>
    public int KeepGenerations { get; init; } = 3;

    /// <summary>An older generation is also kept while it was superseded less than this long ago (readers may be on it).</summary>
    public TimeSpan RetainFor { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>A date before this is implausible for these exports (0000-01-01 made 34,425 periods): quarantined.</summary>
    public DateOnly EarliestDate { get; init; } = new(2000, 1, 1);

    /// <summary>A date later than the load time plus this many days is implausible (a 2099 ticket stretched every period list): quarantined.</summary>
    public int FutureDays { get; init; } = 31;

    /// <summary>A line (or a CSV record) longer than this fails its file: bounds what one row can cost in memory.</summary>
    public long MaxLineBytes { get; init; } = 1 << 20;

    /// <summary>A file with more lines than this fails, checked before anything is read into the warehouse (a .gz bomb).</summary>
    public long MaxFileLines { get; init; } = 10_000_000;

    /// <summary>A file whose text (after gunzip) is larger than this fails, checked the same way.</summary>
    public long MaxFileBytes { get; init; } = 4L << 30;

    /// <summary>Source text kept in a quarantine row or an error message is cut to this many characters, saying so.</summary>
    public int MaxShownChars { get; init; } = 500;

    /// <summary>Called by tests between files to prove a failure half-way leaves nothing behind.</summary>
    internal Action<SourceFile>? AfterFile { get; init; }

    /// <summary>Cuts source text to <see cref="MaxShownChars"/>, saying it was cut and how long it was.</summary>
    internal string? Shown(string? text) => Shorten(text, MaxShownChars);

    internal static string? Shorten(string? text, int max) =>
        text is null || text.Length <= max ? text
            : $"{text[..max]}…(截断, 原长 {System.Text.Encoding.UTF8.GetByteCount(text)} 字节)";

    /// <summary>The SQL for <see cref="Shown"/>: evaluated only on rows that are already bad, so it costs a load nothing.</summary>
    internal string ShownSql(string sql) =>
        $"CASE WHEN length({sql}) > {MaxShownChars} THEN left({sql}, {MaxShownChars}) || '…(截断, 原长 ' || strlen({sql}) || ' 字节)' ELSE {sql} END";
}
