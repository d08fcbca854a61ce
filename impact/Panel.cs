namespace Analytics.Impact;

/// <summary>
/// One township's outcome in one month: the value (a rate as numerator / denominator, a count or a score) and its
/// weight (the rate's denominator; 1 for counts and scores). Months are indices on one calendar (0 = the first month).
/// </summary>
public readonly record struct Observation(string Unit, int Month, double Value, double Weight);

/// <summary>
/// A balanced view of the observations: one row per township, one column per month, NaN where a month is missing, and
/// each township's first treated month (<see cref="Never"/> when it is not treated within the panel).
/// </summary>
public sealed class Panel
{
    /// <summary>The first-treated month of a township the panel never sees treated.</summary>
    public const int Never = int.MaxValue;

    public IReadOnlyList<string> Units { get; }
    public int Months { get; }
    internal double[][] Values { get; }
    internal double[][] Weights { get; }
    internal int[] FirstTreated { get; }

    private Panel(IReadOnlyList<string> units, int months, double[][] values, double[][] weights, int[] firstTreated)
    {
        (Units, Months, Values, Weights, FirstTreated) = (units, months, values, weights, firstTreated);
    }

    /// <summary>
    /// The panel of <paramref name="observations"/> over <paramref name="months"/> months; <paramref name="firstTreated"/>
    /// gives each treated township its first treated month (townships missing from it are never treated). Observations
    /// outside the months, with a non-finite value or a weight not above zero, are left out: they carry no information.
    /// </summary>
    public static Panel From(IEnumerable<Observation> observations, int months, IReadOnlyDictionary<string, int> firstTreated)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 2);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<double[]>();
        var weights = new List<double[]>();
        foreach (var o in observations)
        {
            if (o.Month < 0 || o.Month >= months || !double.IsFinite(o.Value) || !(o.Weight > 0) || !double.IsFinite(o.Weight))
                continue;
            if (!index.TryGetValue(o.Unit, out var i))
            {
                index[o.Unit] = i = values.Count;
                values.Add(Enumerable.Repeat(double.NaN, months).ToArray());
                weights.Add(new double[months]);
            }
            values[i][o.Month] = o.Value;
            weights[i][o.Month] = o.Weight;
        }
        // Townships in code order, whatever order the rows came in: the bootstrap draws townships by position, so the
        // same warehouse must give the same panel for the same interval.
        var order = index.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var units = order.Select(p => p.Key).ToArray();
        var first = units.Select(u => firstTreated.TryGetValue(u, out var g) ? g : Never).ToArray();
        return new Panel(units, months, order.Select(p => values[p.Value]).ToArray(), order.Select(p => weights[p.Value]).ToArray(), first);
    }

    /// <summary>The first treated month of township <paramref name="unit"/> (index into <see cref="Units"/>).</summary>
    public int FirstTreatedOf(int unit) => FirstTreated[unit];
}
