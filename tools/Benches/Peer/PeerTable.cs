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
        // "promised": the probability our own distribution (Predictive) puts inside the published interval, the
        // coverage a calibrated forecast would show. Whole-number bounds cannot cut at exactly 80%: a count k stands for
        // k ± ½, a rate on d tickets can only be n / d and stands for (n ± ½) / d, 100% for all the model puts above
        // (d − ½) / d. So the gap between promised and the level is what whole numbers and the bound add, the gap
        // between measured and promised is miscalibration.
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
        PrintAtMaximum(rates);
        // The served forecast is the mean of the best few candidates (named a+b+c): how often each is among them.
        Console.WriteLine("\ncandidates in the served forecast: " + string.Join(", ", cases
            .SelectMany(c => c.Method.Split('+')).GroupBy(m => m).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()}")));
        Console.WriteLine("ETS forms chosen: " + string.Join(", ", cases.Where(c => c.Ets?.Form is not null).GroupBy(c => c.Ets!.Form)
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
    }

    /// <summary>
    /// Rate months by whether our forecast of that month is 100%, by horizon band. An interval of a forecast at 100%
    /// reaches 100%, so the share of those months actually at 100% is a floor under its coverage that no width can
    /// lower; beside it the probability our distribution gives 100% on the month's tickets, coverage against promise,
    /// and the least an interval can promise that holds its level and reaches 100% where the forecast is 100% (the
    /// level itself where it is not: whole-number steps under 100% are left out there, so this is a lower limit).
    /// </summary>
    private static void PrintAtMaximum(List<PeerBench.Case> rates)
    {
        Console.WriteLine("\nRate months by our forecast of the month, by horizon band (coverage 80% / 95%):\n");
        Console.WriteLine("| forecast | horizon | months | actual at 100% | ours: P(100%) | ours | ours promised " +
                          "| least promise reaching 100% | at best, by measure's share at 100% |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, pick) in new (string, Func<bool, bool>)[]
                 { ("at 100%", at => at), ("under 100%", at => !at), ("all rates", _ => true) })
        {
            foreach (var band in Bands)
            {
                int n = 0, atTop = 0, in80 = 0, in95 = 0;
                double top = 0, promised80 = 0, promised95 = 0, least80 = 0, least95 = 0;
                var byMeasure = new Dictionary<string, (int Months, int AtTop)>();
                foreach (var c in rates)
                {
                    var maximum = Maximum(c);
                    for (var k = band.From - 1; k < band.To; k++)
                    {
                        var atMaximum = c.Ours.Mean[k] >= maximum;
                        if (!pick(atMaximum))
                            continue;
                        n++;
                        var top100 = c.Actual[k] >= maximum ? 1 : 0;
                        atTop += top100;
                        // Months forecast under 100% are one group (any measure): they can be held at the level.
                        var key = atMaximum ? c.Measure : "";
                        var (months, tops) = byMeasure.GetValueOrDefault(key);
                        byMeasure[key] = (months + 1, tops + top100);
                        if (c.Actual[k] >= c.Ours.Lo80[k] - 1e-9 && c.Actual[k] <= c.Ours.Hi80[k] + 1e-9)
                            in80++;
                        if (c.Actual[k] >= c.Ours.Lo95[k] - 1e-9 && c.Actual[k] <= c.Ours.Hi95[k] + 1e-9)
                            in95++;
                        top += c.PromisedAtMaximum![k];
                        promised80 += c.Promised80![k];
                        promised95 += c.Promised95![k];
                        least80 += atMaximum ? c.Least80![k] : 0.80;
                        least95 += atMaximum ? c.Least95![k] : 0.95;
                    }
                }
                string Share(double part) => n == 0 ? "-" : Percent(part, n);
                // No interval reaching 100% holds fewer of a measure's months forecast at 100% than are at 100%.
                double AtBest(double level) => byMeasure.Sum(m =>
                    m.Key == "" ? level * m.Value.Months : Math.Max(level * m.Value.Months, m.Value.AtTop));
                Console.WriteLine($"| {name} | {band.Name} | {n} | {Share(atTop)} | {Share(top)} " +
                                  $"| {Share(in80)} / {Share(in95)} | {Share(promised80)} / {Share(promised95)} " +
                                  $"| {Share(least80)} / {Share(least95)} " +
                                  $"| {Share(AtBest(0.80))} / {Share(AtBest(0.95))} |");
            }
        }
    }

    private static double Maximum(PeerBench.Case c) =>
        c.Measure.EndsWith("_rate", StringComparison.Ordinal) ? 1.0 : 100.0;

    /// <summary>Whether our first forecast month of a rate is its maximum (1 for a rate, 100 for a score).</summary>
    private static bool AtMaximum(PeerBench.Case c) => c.Ours.Mean[0] >= Maximum(c);

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

    private static string Percent(double part, int whole) =>
        (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
