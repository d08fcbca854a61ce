using System.Globalization;

namespace Analytics.Forecasting;

/// <summary>One month of measure_values: the value and, for rates, the numerator and denominator behind it.</summary>
public sealed record MonthValue(string Month, double? Value, long? Numerator, long? Denominator);

/// <summary>
/// A measure's monthly series for one region, contiguous from its first month with a value, and the scale the models
/// work on. Rates go to the logit scale through their counts, (numerator + ½) / (denominator − numerator + ½), so a
/// month at 100% (or 0%) stays finite and weighs less the fewer tickets it stands on; counts and other non-negative
/// values go to log1p so that every back-transformed forecast is ≥ 0.
/// </summary>
public sealed class MonthlySeries
{
    public const int HorizonMax = 12;

    /// <summary>How far inside [0, 1] a bounded value without counts is moved before the logit.</summary>
    private const double Squeeze = 0.01;

    private MonthlySeries(SeriesMeasure measure, DateOnly start, double?[] values, double[] transformed, bool bounded, double boundedMax,
        double denominator, double[] samplingVariance, long[] monthDenominators)
    {
        SamplingVariance = samplingVariance;
        MonthDenominators = monthDenominators;
        Denominator = denominator;
        Measure = measure;
        Start = start;
        Values = values;
        Transformed = transformed;
        Bounded = bounded;
        BoundedMax = boundedMax;
    }

    public SeriesMeasure Measure { get; }
    public DateOnly Start { get; }

    /// <summary>The values as measure_values holds them (null where a month has none).</summary>
    public double?[] Values { get; }

    /// <summary>The model scale, gaps filled (see <see cref="From"/>).</summary>
    public double[] Transformed { get; }

    public bool Bounded { get; }

    /// <summary>
    /// For a rate with counts, the sampling variance of each month's empirical logit, 1/(n + ½) + 1/(d − n + ½): how far
    /// the month could have landed from its true rate by the luck of its few tickets (0 where a month has no counts; a
    /// gap carries the last month's). The interval floor uses it where a flat history shows no error at all.
    /// </summary>
    public double[] SamplingVariance { get; }

    private double BoundedMax { get; }

    /// <summary>The mean denominator of the last 12 months with counts (0 when the rate has none).</summary>
    private double Denominator { get; }
    public int Length => Values.Length;
    public string Scale => Bounded ? "logit" : "log1p";

    /// <summary>Each month's denominator when a rate has counts (0 otherwise): the size of a whole step of the rate.</summary>
    internal long[] MonthDenominators { get; }

    /// <summary>
    /// The values a month's value stands for as a whole number: a count y is y ± ½, a rate n/d is (n ± ½)/d, and any
    /// other value only itself.
    /// </summary>
    internal (double Low, double High) Cell(int index)
    {
        var value = Observed(index);
        if (Measure.Unit == SeriesUnit.Count)
            return (value - 0.5, value + 0.5);
        if (Bounded && MonthDenominators[index] > 0)
            return (value - 0.5 / MonthDenominators[index], value + 0.5 / MonthDenominators[index]);
        return (value, value);
    }
    public string MonthAt(int index) => Start.AddMonths(index).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public int IndexOf(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.Year - Start.Year) * 12 + d.Month - Start.Month
            : throw new ArgumentException($"origin must be a month like 2024-07, not '{month}'");

    /// <summary>Month of year (0 = January) of index <paramref name="index"/>.</summary>
    public int MonthOfYear(int index) => (Start.Month - 1 + index) % 12;

    /// <summary>A value on the measure's own scale, for errors and intervals.</summary>
    /// <remarks>
    /// The logit of (n + ½) / (d + 1) pulls a rate towards ½ (100% of 40 tickets is 98.8%); back on the rate scale the
    /// pull is undone with the series' typical denominator (<see cref="LogitDenominator"/>), so a rate that sits at 100% is forecast at 100%, not just
    /// under it (which an interval calibrated on the logit scale would then miss entirely). A score without counts is
    /// squeezed into [0.001, 0.999] before the logit and stretched back here, so a score of 100 can be reached: clamped
    /// at 99.9 instead, every interval of a small town's score, often 100, stopped under it. Clamped to [0, 1].
    /// </remarks>
    public double Back(double y)
    {
        if (!Bounded)
            return Math.Max(0, double.ExpM1(y));
        var q = 1 / (1 + Math.Exp(-y));
        return Denominator > 0
            ? Math.Clamp((q * (Denominator + 1) - 0.5) / Denominator, 0, 1)
            : BoundedMax * Math.Clamp((q - Squeeze) / (1 - 2 * Squeeze), 0, 1);
    }

    /// <summary>
    /// The inverse of <see cref="Back"/> inside the bounds: the model-scale value below which the forecast stays under
    /// <paramref name="value"/>. A value on a bound takes everything the model puts beyond it (Back clamps there).
    /// </summary>
    internal double Forward(double value)
    {
        if (!Bounded)
            return double.LogP1(value);
        var p = value / BoundedMax;
        var q = Denominator > 0 ? (p * Denominator + 0.5) / (Denominator + 1) : Squeeze + (1 - 2 * Squeeze) * p;
        return Math.Log(q / (1 - q));
    }

    /// <summary>The largest value the measure can take (100 for a score, 1 for a rate, none for the others).</summary>
    internal double Maximum => Bounded ? BoundedMax : double.PositiveInfinity;

    /// <summary>The observed value of a month on the measure's scale, gaps filled the way the models see them.</summary>
    public double Observed(int index) => Values[index] ?? Back(Transformed[index]);

    /// <summary>
    /// Rates are the catalogue's ratios that stay in [0, 1] (ids ending in _rate) and the 0-100 score; the other ratios
    /// (members per grid, powers per township) are unbounded above and count-like. A flow count with no row in a
    /// month had nothing that month (0); other gaps carry the last value forward.
    /// </summary>
    public static MonthlySeries? From(SeriesMeasure measure, IReadOnlyList<MonthValue> rows)
    {
        var known = rows.Where(r => r.Value is not null).OrderBy(r => r.Month, StringComparer.Ordinal).ToList();
        if (known.Count == 0)
            return null;
        var bounded = measure.Unit == SeriesUnit.Score || (measure.Unit == SeriesUnit.Ratio && measure.Id.EndsWith("_rate", StringComparison.Ordinal));
        var max = measure.Unit == SeriesUnit.Score ? 100.0 : 1.0;
        var start = ParseMonth(known[0].Month);
        var end = ParseMonth(known[^1].Month);
        var length = (end.Year - start.Year) * 12 + end.Month - start.Month + 1;
        var values = new double?[length];
        var transformed = new double[length];
        var sampling = new double[length];
        var filled = new bool[length];
        var monthDenominators = new long[length];
        foreach (var row in known)
        {
            var i = (ParseMonth(row.Month).Year - start.Year) * 12 + ParseMonth(row.Month).Month - start.Month;
            values[i] = row.Value;
            transformed[i] = Transform(row, bounded, max);
            if (bounded && row is { Numerator: { } n, Denominator: { } d } && d > 0 && n >= 0 && n <= d)
            {
                sampling[i] = 1 / (n + 0.5) + 1 / (d - n + 0.5);
                monthDenominators[i] = d;
            }
            filled[i] = true;
        }
        var zeroGaps = !bounded && measure.Kind == SeriesKind.Flow;
        for (var i = 1; i < length; i++)
        {
            if (filled[i])
                continue;
            if (zeroGaps)
                values[i] = 0;
            transformed[i] = zeroGaps ? 0 : transformed[i - 1];
            sampling[i] = sampling[i - 1];
        }
        var denominators = known.Where(r => r.Denominator > 0).TakeLast(12).Select(r => (double)r.Denominator!.Value).ToList();
        return new MonthlySeries(measure, start, values, transformed, bounded, max, LogitDenominator(denominators), sampling, monthDenominators);
    }

    /// <summary>
    /// The denominator whose month at 100% has the mean logit of months at 100% with these denominators: the logit of
    /// (d + ½) / ½ is log(2d + 1), so D = (exp(mean log(2d + 1)) − 1) / 2. The plain mean, used before, sits above it
    /// when denominators vary, and a series at 100% every month came back at 98.8-99.2%.
    /// </summary>
    private static double LogitDenominator(IReadOnlyCollection<double> denominators) =>
        denominators.Count == 0 ? 0 : (Math.Exp(denominators.Average(d => Math.Log(2 * d + 1))) - 1) / 2;

    /// <summary>
    /// The first <paramref name="history"/> months alone. A forecast from an earlier origin must not read a later month,
    /// not even its ticket count: the back-transform's denominator was the series' last 12 months, which from an earlier
    /// origin are months the forecast has not seen.
    /// </summary>
    internal MonthlySeries Upto(int history) => history >= Length ? this
        : new MonthlySeries(Measure, Start, Values[..history], Transformed[..history], Bounded, BoundedMax,
            Bounded ? TypicalDenominator(history) : 0, SamplingVariance[..history], MonthDenominators[..history]);

    /// <summary>The <see cref="LogitDenominator"/> of the 12 months up to <paramref name="history"/> with counts (0 without).</summary>
    /// <remarks>
    /// Backtests read every candidate's forecast from every origin with it, so all histories are computed in one pass
    /// on first use (the same values whichever thread computes them).
    /// </remarks>
    internal double TypicalDenominator(int history) => (typicalDenominators ??= TypicalDenominators())[history];

    private double[]? typicalDenominators;

    private double[] TypicalDenominators()
    {
        var result = new double[Length + 1];
        var window = new Queue<double>(12);
        double sum = 0;
        for (var history = 1; history <= Length; history++)
        {
            var d = MonthDenominators[history - 1];
            if (d > 0)
            {
                if (window.Count == 12)
                    sum -= window.Dequeue();
                var log = Math.Log(2.0 * d + 1);
                window.Enqueue(log);
                sum += log;
            }
            result[history] = window.Count == 0 ? 0 : (Math.Exp(sum / window.Count) - 1) / 2;
        }
        return result;
    }

    private static double Transform(MonthValue row, bool bounded, double max)
    {
        if (!bounded)
            return double.LogP1(Math.Max(0, row.Value!.Value));
        if (row is { Numerator: { } n, Denominator: { } d } && d > 0 && n >= 0 && n <= d)
            return Math.Log((n + 0.5) / (d - n + 0.5));
        // A score or a rate without counts: squeezed a hair inside the bounds, which Back undoes.
        var p = Squeeze + (1 - 2 * Squeeze) * Math.Clamp(row.Value!.Value / max, 0, 1);
        return Math.Log(p / (1 - p));
    }

    private static DateOnly ParseMonth(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
