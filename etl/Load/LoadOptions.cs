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

    /// <summary>Called by tests between files to prove a failure half-way leaves nothing behind.</summary>
    internal Action<SourceFile>? AfterFile { get; init; }
}
