namespace Analytics.Forecasting;

/// <summary>
/// What the benches count of forecast months against what happened: the plain share inside the 80% and 95% intervals
/// and the PIT coverage of <see cref="Predictive.Covered"/>.
/// </summary>
public sealed class HoldoutCoverage
{
    public int Points { get; private set; }
    public int In80 { get; private set; }
    public int In95 { get; private set; }
    public double Pit80 { get; private set; }
    public double Pit95 { get; private set; }

    /// <summary>Counts month <paramref name="index"/> of the series; true when its 80% interval held the value.</summary>
    public bool Add(MonthlySeries series, int index, ForecastPoint point, Predictive predictive)
    {
        var actual = series.Observed(index);
        Points++;
        var inside80 = actual >= point.Lo80 && actual <= point.Hi80;
        if (inside80)
            In80++;
        if (actual >= point.Lo95 && actual <= point.Hi95)
            In95++;
        var (low, high) = series.Cell(index);
        Pit80 += predictive.Covered(low, high, 0.80);
        Pit95 += predictive.Covered(low, high, 0.95);
        return inside80;
    }
}
