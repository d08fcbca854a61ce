using System.Globalization;

namespace Analytics.Benches.Peer;

/// <summary>The tables of <see cref="PeerBench"/>: accuracy against the peers, by group, and coverage by horizon band.</summary>
internal static class PeerTable
{
    private static readonly (string Name, int From, int To)[] Bands = [("1-3", 1, 3), ("4-6", 4, 6), ("7-12", 7, 12)];

    public static void Print(List<PeerBench.Case> cases)
    {
        var months = cases.Count * 12;
        Console.WriteLine($"\n{cases.Count} forecasts, {months} months; MASE scaled by the in-sample seasonal naive at the origin\n");
        Console.WriteLine("| | ours | statsmodels ETS (AICc) | statsmodels Theta | seasonal naive |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| median MASE | {Median(cases, c => c.Ours)} | {Median(cases, c => c.Ets)} | {Median(cases, c => c.Theta)} | {Median(cases, c => c.SeasonalNaive)} |");
        Console.WriteLine($"| share of cases where ours is better (lower MAE) | - | {Better(cases, c => c.Ets)} | {Better(cases, c => c.Theta)} | {Better(cases, c => c.SeasonalNaive)} |");
        Console.WriteLine($"| 80% / 95% interval coverage | {Coverage(cases, c => c.Ours)} | {Coverage(cases, c => c.Ets)} | {Coverage(cases, c => c.Theta)} | - |");

        Console.WriteLine("\n| group | n | ours | ETS | Theta | seasonal naive | ours / better peer | better than ETS | better than Theta |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, group) in Groups(cases))
        {
            var ours = MedianValue(group, c => c.Ours);
            var peer = Math.Min(MedianValue(group, c => c.Ets), MedianValue(group, c => c.Theta));
            Console.WriteLine($"| {name} | {group.Count} | {Median(group, c => c.Ours)} | {Median(group, c => c.Ets)} | {Median(group, c => c.Theta)} " +
                              $"| {Median(group, c => c.SeasonalNaive)} | {F(ours / peer)} | {Better(group, c => c.Ets)} | {Better(group, c => c.Theta)} |");
        }

        Console.WriteLine("\nPlain coverage (share of actual months inside the interval), 80% / 95%, by horizon band:\n");
        // "promised": the probability our own distribution puts inside a count's published interval. Whole-number bounds
        // cannot cut at exactly 80%, so a calibrated forecast of counts covers what it promises, not the level. Rates
        // are left out: their calibration reads the actual rate as it is, and a bound snapped to 100% holds a
        // probability the continuous distribution does not see.
        Console.WriteLine("| group | horizon | months | ours | ours promised | ETS | Theta |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (name, group) in new[] { ("all", cases), ("counts", cases.Where(c => !c.Rate).ToList()), ("rates", cases.Where(c => c.Rate).ToList()) })
        {
            foreach (var band in Bands)
                Console.WriteLine($"| {name} | {band.Name} | {group.Count * (band.To - band.From + 1)} | {Coverage(group, c => c.Ours, band)} " +
                                  $"| {Promised(group, band)} | {Coverage(group, c => c.Ets, band)} | {Coverage(group, c => c.Theta, band)} |");
        }
        // Rates apart by where our forecast stands: an interval whose forecast is the maximum (100%) holds every month
        // above it, so only its lower bound can miss; and by level, where the tickets behind a month differ most.
        var rates = cases.Where(c => c.Rate).ToList();
        var rows = cases.GroupBy(c => c.Measure).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList()))
            .Concat([
                ("rates, forecast at 100%", rates.Where(AtMaximum).ToList()),
                ("rates, forecast under 100%", rates.Where(c => !AtMaximum(c)).ToList()),
            ])
            .Concat(rates.GroupBy(c => c.Level).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => ($"rates, {g.Key}", g.ToList())));
        foreach (var (name, group) in rows)
        {
            Console.WriteLine($"| {name} | 1-12 | {group.Count * 12} | {Coverage(group, c => c.Ours)} | {Promised(group, null)} " +
                              $"| {Coverage(group, c => c.Ets)} | {Coverage(group, c => c.Theta)} |");
        }
        // The served forecast is the mean of the best few candidates (named a+b+c): how often each is among them.
        Console.WriteLine("\ncandidates in the served forecast: " + string.Join(", ", cases
            .SelectMany(c => c.Method.Split('+')).GroupBy(m => m).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine("ETS forms chosen: " + string.Join(", ", cases.Where(c => c.Ets?.Form is not null).GroupBy(c => c.Ets!.Form)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
    }

    /// <summary>Whether our first forecast month of a rate is its maximum (1 for a rate, 100 for a score).</summary>
    private static bool AtMaximum(PeerBench.Case c) =>
        c.Ours.Mean[0] >= (c.Measure.EndsWith("_rate", StringComparison.Ordinal) ? 1.0 : 100.0);

    private static IEnumerable<(string, List<PeerBench.Case>)> Groups(List<PeerBench.Case> cases)
    {
        yield return ("all", cases);
        yield return ("counts", cases.Where(c => !c.Rate).ToList());
        yield return ("rates", cases.Where(c => c.Rate).ToList());
        foreach (var g in cases.GroupBy(c => c.Measure).OrderBy(g => g.Key, StringComparer.Ordinal))
            yield return (g.Key, g.ToList());
        foreach (var g in cases.GroupBy(c => c.Level).OrderBy(g => g.Key, StringComparer.Ordinal))
            yield return (g.Key, g.ToList());
        foreach (var g in cases.GroupBy(c => c.Origin).OrderBy(g => g.Key, StringComparer.Ordinal))
            yield return ("origin " + g.Key, g.ToList());
    }

    private static double Mae(double[] actual, double[] forecast) => actual.Select((a, k) => Math.Abs(a - forecast[k])).Average();

    private static double MedianValue(List<PeerBench.Case> cases, Func<PeerBench.Case, PeerForecast?> pick)
    {
        var values = cases.Where(c => c.Scale is > 0 && pick(c) is not null).Select(c => Mae(c.Actual, pick(c)!.Mean) / c.Scale!.Value).Order().ToList();
        if (values.Count == 0)
            return double.NaN;
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string Median(List<PeerBench.Case> cases, Func<PeerBench.Case, PeerForecast?> pick) => F(MedianValue(cases, pick));

    private static string Better(List<PeerBench.Case> cases, Func<PeerBench.Case, PeerForecast?> pick)
    {
        var both = cases.Where(c => pick(c) is not null).ToList();
        return both.Count == 0 ? "-" : Percent(both.Count(c => Mae(c.Actual, c.Ours.Mean) < Mae(c.Actual, pick(c)!.Mean)), both.Count);
    }

    private static string Coverage(List<PeerBench.Case> cases, Func<PeerBench.Case, PeerForecast?> pick, (string Name, int From, int To)? band = null)
    {
        int n = 0, in80 = 0, in95 = 0;
        foreach (var c in cases)
        {
            if (pick(c) is not { } f)
                continue;
            for (var k = (band?.From ?? 1) - 1; k < (band?.To ?? 12); k++)
            {
                n++;
                // A hair of tolerance: a bound printed from the same double as the actual (a flat count) holds it.
                if (c.Actual[k] >= f.Lo80[k] - 1e-9 && c.Actual[k] <= f.Hi80[k] + 1e-9)
                    in80++;
                if (c.Actual[k] >= f.Lo95[k] - 1e-9 && c.Actual[k] <= f.Hi95[k] + 1e-9)
                    in95++;
            }
        }
        return n == 0 ? "-" : $"{Percent(in80, n)} / {Percent(in95, n)}";
    }

    private static string Promised(List<PeerBench.Case> cases, (string Name, int From, int To)? band)
    {
        var from = (band?.From ?? 1) - 1;
        var to = band?.To ?? 12;
        var counts = cases.Where(c => c.Promised80 is not null).ToList();
        var months = counts.Count * (to - from);
        if (months == 0)
            return "-";
        string Mean(Func<PeerBench.Case, double[]?> pick) =>
            (100 * counts.Sum(c => pick(c)![from..to].Sum()) / months).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return $"{Mean(c => c.Promised80)} / {Mean(c => c.Promised95)}";
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
