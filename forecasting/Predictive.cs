namespace Analytics.Forecasting;

/// <summary>
/// One forecast month as a distribution: on the model scale, linear between the point (50%) and the 80% and 95% bounds
/// (10, 90, 2.5 and 97.5%), the outer tails continuing the 80-95% slope until they run out of probability; on the
/// measure's scale through the same transform as the intervals, so a rate's or a score's bound takes all the model
/// puts beyond it. The bench scores calibration with it where counts and rates on a few tickets are whole: an
/// interval of whole numbers holds more than its level, so the share of actual values inside it over-states coverage,
/// and a flat series that stays flat is inside any interval. Instead a month counts by the share of its probability
/// cell, F(y−) to F(y), inside the central band (the non-randomised PIT of Czado, Gneiting and Held, 2009): a
/// calibrated forecast covers exactly its level, a flat one included.
/// </summary>
public sealed class Predictive
{
    private static readonly double[] Probabilities = [0, 0.025, 0.10, 0.50, 0.90, 0.975, 1];
    private readonly MonthlySeries series;
    private readonly double[] knots;

    public Predictive(MonthlySeries series, double point, double w80, double w95)
    {
        this.series = series;
        w95 = Math.Max(w95, w80);
        var tail = (w95 - w80) / 3;
        knots = [point - w95 - tail, point - w95, point - w80, point, point + w80, point + w95, point + w95 + tail];
    }

    /// <summary>
    /// The probability this distribution puts on a count's published interval [<paramref name="low"/>,
    /// <paramref name="high"/>], each whole number k taking k ± ½ as the bounds are built. Whole-number bounds cannot
    /// cut at exactly 80%, so this is at least the level and often more: it is the coverage a calibrated forecast of
    /// counts would show, which the bench sets beside the coverage it measures.
    /// </summary>
    public double CountMass(double low, double high) =>
        Cdf(high + 0.5, strict: false) - Cdf(low - 0.5, strict: true);

    /// <summary>
    /// The probability this distribution puts on a rate's published interval [<paramref name="low"/>,
    /// <paramref name="high"/>] in a month of <paramref name="tickets"/> tickets, where the rate can only be n / d: each
    /// such value takes its cell (n ± ½) / d, as the PIT reads it, and 100% takes everything the model puts above
    /// (d − ½) / d (the mass the way back from the logit clamps there). It is what a calibrated forecast of that month
    /// covers; a month without counts (d = 0) reads the interval as it is.
    /// </summary>
    public double RateMass(double low, double high, long tickets)
    {
        if (tickets <= 0)
            return Math.Max(0, Cdf(high, strict: false) - Cdf(low, strict: true));
        var step = series.Maximum / tickets;
        // The same hair of tolerance as the bench's count of actual months inside.
        var first = Math.Max(0, (long)Math.Ceiling((low - 1e-9) / step));
        var last = Math.Min(tickets, (long)Math.Floor((high + 1e-9) / step));
        return first > last ? 0
            : Math.Max(0, Cdf((last + 0.5) * step, strict: false) - Cdf((first - 0.5) * step, strict: true));
    }

    /// <summary>
    /// The least an interval that reaches the maximum (as a rate forecast at 100% must) and holds at least
    /// <paramref name="level"/> can promise in a month of <paramref name="tickets"/> tickets: the smallest
    /// P(value ≥ n / d) that is not under the level. Never less than P(100%), and a step of the rate can add much more.
    /// </summary>
    public double LeastReachingMaximum(double level, long tickets)
    {
        var maximum = series.Maximum;
        if (tickets <= 0)
            return Math.Max(level, RateMass(maximum, maximum, 0));
        // The mass from n / d up grows as n falls: the largest n whose mass still holds the level.
        long low = 0, high = tickets;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (RateMass(middle * maximum / tickets, maximum, tickets) >= level)
                low = middle;
            else
                high = middle - 1;
        }
        return RateMass(low * maximum / tickets, maximum, tickets);
    }

    /// <summary>P(value ≤ x), or P(value &lt; x) with <paramref name="strict"/>.</summary>
    public double Cdf(double x, bool strict)
    {
        if (x < 0 || (x == 0 && strict))
            return 0;
        if (x > series.Maximum || (x == series.Maximum && !strict))
            return 1;
        var z = series.Forward(x);
        var i = Array.FindLastIndex(knots, k => strict ? k < z : k <= z);
        if (i < 0)
            return 0;
        if (i == knots.Length - 1)
            return 1;
        return Probabilities[i] + (Probabilities[i + 1] - Probabilities[i]) * (z - knots[i]) / (knots[i + 1] - knots[i]);
    }

    /// <summary>
    /// The share of an actual value's probability cell inside the central <paramref name="level"/> band. The cell of a
    /// whole count y is y ± ½, of a rate n/d it is (n ± ½)/d; a continuous value's cell is the value itself.
    /// </summary>
    public double Covered(double cellLow, double cellHigh, double level)
    {
        var tail = (1 - level) / 2;
        var low = Cdf(cellLow, strict: true);
        var high = Cdf(cellHigh, strict: false);
        if (high - low < 1e-12)
            return low >= tail && low <= 1 - tail ? 1 : 0;
        return Math.Max(0, Math.Min(high, 1 - tail) - Math.Max(low, tail)) / (high - low);
    }
}
