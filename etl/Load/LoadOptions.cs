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

    /// <summary>Called by tests between files to prove a failure half-way leaves nothing behind.</summary>
    internal Action<SourceFile>? AfterFile { get; init; }
}
