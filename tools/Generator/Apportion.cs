namespace Analytics.Generator;

/// <summary>
/// Splits an exact total into integer parts proportional to weights (largest remainder method).
/// The published figures (docs/domain/figures.md) are exact totals, so every split of a published number goes through here.
/// </summary>
internal static class Apportion
{
    public static int[] Split(long total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var parts = new int[weights.Count];
        var remainders = new (double Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i] / sum;
            parts[i] = (int)Math.Floor(exact);
            given += parts[i];
            remainders[i] = (exact - parts[i], i);
        }
        // Ties break on index so the split never depends on sort stability.
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            parts[index]++;
        }
        return parts;
    }

    /// <summary>Random weights in [low, high): an uneven but exact split.</summary>
    public static int[] Uneven(long total, int count, Random random, double low = 0.6, double high = 1.4) =>
        Split(total, Enumerable.Range(0, count).Select(_ => low + random.NextDouble() * (high - low)).ToArray());
}
