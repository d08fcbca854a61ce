using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Analytics.Api;
using Analytics.Api.Forecasts;
using Analytics.Forecasting;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;
using DuckDB.NET.Data;

namespace Analytics.Benches;

/// <summary>
/// <c>dotnet run -c Release --project tools/Benches -- forecast [--warehouse PATH] [--sample N] [--province CODE]
/// [--province-timing no] | --synthetic | --peer ...</c>: (1) the time to forecast every monthly series of one province (the one with
/// most series unless named), as the API would train them on a cold cache; (2) accuracy over every monthly series with a
/// year of history (or every k-th, for about N), from an origin 12 months before the end (fewer months for a series
/// under two years), scored on the months the forecast did not see: MASE against the in-sample seasonal naive, the
/// share beating seasonal naive forecast from the same origin, and plain and PIT interval coverage. The backtest's own
/// figures (what the API returns) are printed beside the hold-out ones. <c>--synthetic</c> runs
/// <see cref="SyntheticBench"/> instead, <c>--peer</c> <see cref="Peer.PeerBench"/>.
/// </summary>
internal static class ForecastBench
{
    internal sealed record Key(string Measure, string Region, string Level);

    private const int MinimumHistory = 12;

    public static int Run(string[] args)
    {
        var options = new CommandOptions(args, "synthetic", "peer", "cached-only", "no-peer");
        if (options.Has("synthetic"))
            return SyntheticBench.Run();
        var warehouse = options["warehouse"] ?? WarehousePaths.DefaultWarehouse;
        var sample = int.Parse(options["sample"] ?? int.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var file = new Generations(warehouse).Current() ?? throw new InvalidOperationException($"no warehouse at {warehouse}");
        if (options.Has("peer"))
            return Peer.PeerBench.Run(options, file);

        var watch = Stopwatch.StartNew();
        var all = ReadAll(file);
        Console.WriteLine($"warehouse {file}: {all.Count:N0} monthly series read in {watch.Elapsed.TotalSeconds:0.0} s, {Environment.ProcessorCount} cores");

        var byProvince = all.GroupBy(s => s.Key.Region[..2]).OrderByDescending(g => g.Count()).ToList();
        var province = options["province"] is { } named
            ? byProvince.Single(g => g.Key == named[..2])
            : byProvince[0];
        if (options["province-timing"] != "no")
            TimeProvince(province.ToList(), province.Key);

        // A year of history and at least one month after it; the grid snapshots (one or two months) have nothing to score.
        var eligible = all.Where(s => s.Series.Length > MinimumHistory).ToList();
        var step = Math.Max(1, eligible.Count / Math.Max(1, sample));
        var chosen = eligible.Where((_, i) => i % step == 0).ToList();
        watch.Restart();
        var scored = Partitioner.Create(chosen, loadBalance: true).AsParallel().Select(Holdout).Where(r => r is not null).Select(r => r!).ToList();
        Console.WriteLine($"hold-out: {scored.Count:N0} of {eligible.Count:N0} series with {MinimumHistory + 1} months or more (every {step}; {all.Count - eligible.Count:N0} shorter not scored), {watch.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine();
        Console.WriteLine("| series | n | backtest: MASE < 1 | backtest median MASE | hold-out: MASE < 1 | hold-out median MASE | beats seasonal naive (hold-out MAE) | median MASE seasonal naive | coverage 80% | coverage 95% | PIT coverage 80% | PIT coverage 95% |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Print("all", scored);
        foreach (var level in new[] { "province", "city", "county", "township", "community" })
            Print(level, scored.Where(r => r.Level == level).ToList());
        Print("rates", scored.Where(r => r.Rate).ToList());
        Print("counts", scored.Where(r => !r.Rate).ToList());
        // A history flat for its last year at the origin mostly stays flat: any interval holding the point covers it,
        // so nominal coverage can only be judged on the series that move.
        Print("under two years (hold-out shorter than 12 months)", scored.Where(r => r.Short).ToList());
        Print("flat at origin", scored.Where(r => r.Flat).ToList());
        Print("moving", scored.Where(r => !r.Flat).ToList());
        // Counts of a few events a month are whole numbers: the narrowest interval holding the point, [0, 1] around 0.3,
        // already covers far more than 80%, so moving rates and counts are shown apart.
        Print("moving rates", scored.Where(r => !r.Flat && r.Rate).ToList());
        Print("moving counts", scored.Where(r => !r.Flat && !r.Rate).ToList());
        // By measure: where the misses are (flat snapshots, sparse flows, rates at 100%) is not visible by level.
        foreach (var measure in scored.GroupBy(r => r.Measure).OrderBy(g => g.Key, StringComparer.Ordinal))
            Print(measure.Key, measure.ToList());
        return 0;
    }

    private static void TimeProvince(List<(Key Key, MonthlySeries Series)> series, string province)
    {
        var watch = Stopwatch.StartNew();
        // Load-balanced: a list is otherwise split into one contiguous range per core, and the series come sorted by
        // measure, so one core got the grid snapshots (microseconds each) and the other the hotline series.
        var forecasts = Partitioner.Create(series, loadBalance: true).AsParallel().Select(s => ForecastEngine.Forecast(s.Series, s.Key.Region)).ToList();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"province {province}0000000000: {forecasts.Count:N0} series forecast (12 months, backtests included) in {seconds:0.0} s " +
                          $"({1000 * seconds / Math.Max(1, forecasts.Count):0.0} ms each on {Environment.ProcessorCount} cores)");
        foreach (var level in series.Select((s, i) => (s.Key.Level, i)).GroupBy(x => x.Level))
            Console.WriteLine($"  {level.Key}: {level.Count():N0} series");
        Console.WriteLine("methods chosen: " + string.Join(", ", forecasts.GroupBy(f => f.Method).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
    }

    private sealed record Scored(string Measure, string Level, bool Rate, double? BacktestMase, double? Mase, double? SeasonalNaiveMase,
        bool BeatsSeasonalNaive, int Points, int In80, int In95, double Pit80, double Pit95, bool Flat, bool Short);

    private static Scored? Holdout((Key Key, MonthlySeries Series) s)
    {
        var series = s.Series;
        // The last 12 months are held out, fewer for a series under two years, so that a year of history remains.
        var held = Math.Min(MonthlySeries.HorizonMax, series.Length - MinimumHistory);
        var origin = series.Length - 1 - held;
        var result = ForecastEngine.Forecast(series, s.Key.Region, origin, out var predictive);
        var history = origin + 1;
        var scale = Backtest.MaseScale(series, history);
        double mae = 0, naiveMae = 0;
        var coverage = new HoldoutCoverage();
        for (var k = 0; k < held; k++)
        {
            var actual = series.Observed(history + k);
            mae += Math.Abs(actual - result.Points[k].Value);
            naiveMae += Math.Abs(actual - series.Observed(history + k - 12));
            coverage.Add(series, history + k, result.Points[k], predictive[k]);
        }
        return new Scored(s.Key.Measure, s.Key.Level, series.Bounded, result.Chosen.Mase,
            scale is > 0 ? mae / held / scale : null, scale is > 0 ? naiveMae / held / scale : null,
            mae < naiveMae || (mae == naiveMae && mae == 0), held, coverage.In80, coverage.In95, coverage.Pit80, coverage.Pit95,
            Enumerable.Range(history - 12, 12).All(t => series.Transformed[t] == series.Transformed[history - 1]),
            held < MonthlySeries.HorizonMax);
    }

    private static void Print(string label, List<Scored> rows)
    {
        if (rows.Count == 0)
            return;
        static string Share(double part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        static string Median(IEnumerable<double?> values)
        {
            var list = values.Where(x => x is not null).Select(x => x!.Value).Order().ToList();
            return list.Count == 0 ? "-" : list[list.Count / 2].ToString("0.000", CultureInfo.InvariantCulture);
        }
        var backtest = rows.Where(r => r.BacktestMase is not null).ToList();
        var holdout = rows.Where(r => r.Mase is not null).ToList();
        var points = rows.Sum(r => r.Points);
        Console.WriteLine($"| {label} | {rows.Count:N0} | {Share(backtest.Count(r => r.BacktestMase < 1), backtest.Count)} | {Median(backtest.Select(r => r.BacktestMase))} " +
                          $"| {Share(holdout.Count(r => r.Mase < 1), holdout.Count)} | {Median(holdout.Select(r => r.Mase))} " +
                          $"| {Share(rows.Count(r => r.BeatsSeasonalNaive), rows.Count)} | {Median(holdout.Select(r => r.SeasonalNaiveMase))} " +
                          $"| {Share(rows.Sum(r => r.In80), points)} | {Share(rows.Sum(r => r.In95), points)} " +
                          $"| {Share(rows.Sum(r => r.Pit80), points)} | {Share(rows.Sum(r => r.Pit95), points)} |");
    }

    /// <summary>Every monthly series of the warehouse, read in one statement.</summary>
    internal static List<(Key Key, MonthlySeries Series)> ReadAll(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT measure_id, region_code, region_level, period, value, numerator, denominator FROM measure_values
            WHERE period_grain = 'month' ORDER BY measure_id, region_code, period
            """;
        using var reader = command.ExecuteReader();
        var series = new List<(Key, MonthlySeries)>();
        Key? current = null;
        var rows = new List<MonthValue>();
        void Flush()
        {
            if (current is not null && MeasureCatalog.Find(current.Measure) is { } m && ForecastCache.IsMonthly(m)
                && MonthlySeries.From(m, rows) is { } s)
                series.Add((current, s));
            rows = [];
        }
        while (reader.Read())
        {
            var key = new Key(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (key != current)
            {
                Flush();
                current = key;
            }
            rows.Add(MonthValue.Read(reader, 3));
        }
        Flush();
        return series;
    }
}
