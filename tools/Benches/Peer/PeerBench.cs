using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Analytics.Api;
using Analytics.Forecasting;
using Analytics.Warehouse.Measures;

namespace Analytics.Benches.Peer;

/// <summary>
/// <c>forecast --peer [--warehouse PATH] [--origins 2023-06,2023-12] [--sample 200] [--processes 2] [--peer-cache FILE]
/// [--cached-only | --no-peer]</c>:
/// our forecasts against statsmodels ETS (AICc over 15 forms) and Theta and seasonal naive, each fitted on exactly the
/// training months our forecast from the same origin used. The series are the moving monthly ones (not flat in the
/// year before the origin) of hotline tickets and its three rates, enforcement cases and whistles, at city, county and
/// township level, with 12 months after the origin to score (every k-th series for about 200 of them, with
/// both origins: the peer fits 15 forms a series and takes seconds each). Prints median MASE, the share of cases where ours has the
/// lower MAE, and plain 80%/95% coverage by horizon band, for counts and rates apart, by measure, beside what our own
/// distribution promises for the published bounds (see <see cref="PeerTable"/>). <c>--no-peer</c> fits no peer and
/// scores ours alone, in seconds.
/// </summary>
internal static class PeerBench
{
    private static readonly string[] Measures =
    [
        MeasureIds.HotlineTickets, MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate,
        MeasureIds.EnforcementCases, MeasureIds.Whistles,
    ];

    private static readonly string[] Levels = ["city", "county", "township"];

    internal sealed record Case(string Measure, string Level, string Region, string Origin, bool Rate, double? Scale,
        double[] Actual, PeerForecast Ours, PeerForecast SeasonalNaive, PeerForecast? Ets, PeerForecast? Theta, string Method,
        double[]? Promised80, double[]? Promised95, double[]? PromisedAtMaximum, double[]? Least80, double[]? Least95);

    public static int Run(CommandOptions options, string file)
    {
        var origins = (options["origins"] ?? "2023-06,2023-12").Split(',');
        var sample = int.Parse(options["sample"] ?? "200", CultureInfo.InvariantCulture);
        var processes = int.Parse(options["processes"] ?? "2", CultureInfo.InvariantCulture);
        var cacheFile = options["peer-cache"] ?? Path.Combine(Path.GetTempPath(), "forecast-peer-cache.jsonl");

        var all = ForecastBench.ReadAll(file);
        var candidates = new List<(string Measure, string Level, string Region, MonthlySeries Series, int Origin, string Month)>();
        foreach (var (key, series) in all.Where(s => Measures.Contains(s.Key.Measure) && Levels.Contains(s.Key.Level)))
        {
            foreach (var month in origins)
            {
                var origin = series.IndexOf(month);
                // A year of training at least, 12 months to score, and a history that moved in the year before the origin.
                if (origin < 11 || origin + MonthlySeries.HorizonMax >= series.Length)
                    continue;
                if (Enumerable.Range(origin - 11, 12).All(t => series.Transformed[t] == series.Transformed[origin]))
                    continue;
                candidates.Add((key.Measure, key.Level, key.Region, series, origin, month));
            }
        }
        // Every k-th series, with all its origins.
        var distinct = candidates.Select(c => (c.Measure, c.Region)).Distinct().ToList();
        var step = Math.Max(1, distinct.Count / Math.Max(1, sample));
        var kept = distinct.Where((_, i) => i % step == 0).ToHashSet();
        var chosen = candidates.Where(c => kept.Contains((c.Measure, c.Region))).ToList();
        Console.WriteLine($"warehouse {file}: {chosen.Count} forecasts of {kept.Count} moving series (every {step} of {distinct.Count}), " +
                          $"origins {string.Join(", ", origins)}, 12 months held out");

        var watch = Stopwatch.StartNew();
        var ours = Partitioner.Create(chosen, loadBalance: true).AsParallel().AsOrdered()
            .Select(c => (Result: ForecastEngine.Forecast(c.Series, c.Region, c.Origin, out var predictive),
                Predictive: predictive))
            .ToList();
        Console.WriteLine($"ours: {chosen.Count} forecasts in {watch.Elapsed.TotalSeconds:0.0} s");

        var tasks = chosen.Select(c => (Enumerable.Range(0, c.Origin + 1).Select(c.Series.Observed).ToArray(),
            c.Series.Bounded ? (double?)(c.Measure.EndsWith("_rate", StringComparison.Ordinal) ? 1.0 : 100.0) : null)).ToList();
        // --no-peer scores our forecasts alone, in seconds: for trying a change to the intervals before the peer's hour.
        var peers = options.Has("no-peer")
            ? tasks.Select((_, i) => i)
                .ToDictionary(i => i, _ => (Ets: (PeerForecast?)null, Theta: (PeerForecast?)null, Error: (string?)null))
            : new StatsmodelsPeer(cacheFile, processes, options.Has("cached-only")).Fit(tasks);

        var cases = new List<Case>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var history = c.Origin + 1;
            var actual = Enumerable.Range(history, MonthlySeries.HorizonMax).Select(c.Series.Observed).ToArray();
            var (result, predictive) = ours[i];
            var points = result.Points;
            var mine = new PeerForecast(points.Select(p => p.Value).ToArray(), points.Select(p => p.Lo80).ToArray(),
                points.Select(p => p.Hi80).ToArray(), points.Select(p => p.Lo95).ToArray(), points.Select(p => p.Hi95).ToArray(),
                result.Method);
            // What our own distribution puts inside the published interval: a count's whole numbers k ± ½, a rate's
            // values n / d on the month's own tickets (see PeerTable).
            double[] Promised(Func<ForecastPoint, (double Low, double High)> bounds) => predictive.Select((p, k) =>
            {
                var (low, high) = bounds(points[k]);
                return c.Series.Bounded ? p.RateMass(low, high, c.Series.MonthDenominators[history + k])
                    : p.CountMass(low, high);
            }).ToArray();
            var maximum = c.Series.Maximum;
            double[]? atMaximum = c.Series.Bounded ? Promised(_ => (maximum, maximum)) : null;
            double[]? Least(double level) => c.Series.Bounded
                ? predictive.Select((p, k) => p.LeastReachingMaximum(level, c.Series.MonthDenominators[history + k]))
                    .ToArray()
                : null;
            var lastYear = Enumerable.Range(0, MonthlySeries.HorizonMax).Select(k => c.Series.Observed(history - 12 + k % 12)).ToArray();
            var naive = new PeerForecast(lastYear, lastYear, lastYear, lastYear, lastYear, null);
            if (peers[i].Error is { } error)
                Console.WriteLine($"peer could not fit {c.Measure} {c.Region} from {c.Month}: {error}");
            cases.Add(new Case(c.Measure, c.Level, c.Region, c.Month, c.Series.Bounded, Backtest.MaseScale(c.Series, history), actual,
                mine, naive, peers[i].Ets, peers[i].Theta, result.Method,
                Promised(p => (p.Lo80, p.Hi80)), Promised(p => (p.Lo95, p.Hi95)), atMaximum, Least(0.80), Least(0.95)));
        }
        if (options.Has("cached-only"))
        {
            // Every column on the same forecasts: ours too only where the peer's answer is in the cache.
            cases = cases.Where(c => c.Ets is not null || c.Theta is not null).ToList();
            Console.WriteLine($"--cached-only: {cases.Count} forecasts with the peer's answer");
        }
        PeerTable.Print(cases);
        return 0;
    }
}
