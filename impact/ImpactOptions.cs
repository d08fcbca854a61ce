namespace Analytics.Impact;

/// <summary>
/// What to estimate: event times from <see cref="Lead"/> months before the reform to <see cref="Lag"/> months after
/// it (0 = the month the reform took effect, -1 the base month every difference is taken from), the cluster
/// bootstrap's replicates and seed, and the group sizes below which the answer warns.
/// </summary>
public sealed record ImpactOptions
{
    public int Lead { get; init; } = 12;
    public int Lag { get; init; } = 24;
    public int Replicates { get; init; } = 499;
    public int Seed { get; init; } = 20240701;

    /// <summary>Fewer treated or comparison townships than this and the answer warns that the estimate is fragile.</summary>
    public int MinGroup { get; init; } = 10;

    /// <summary>The pre-trend test's level: a p-value below it warns that parallel trends look violated.</summary>
    public double PreTrendLevel { get; init; } = 0.05;

    public void Validate()
    {
        if (Lead is < 2 or > 60)
            throw new ArgumentException("lead must be 2 to 60 months (the pre-trend test needs at least one month before the base month)");
        if (Lag is < 0 or > 120)
            throw new ArgumentException("lag must be 0 to 120 months");
        if (Replicates is < 50 or > 5000)
            throw new ArgumentException("bootstrap replicates must be 50 to 5000");
    }
}
