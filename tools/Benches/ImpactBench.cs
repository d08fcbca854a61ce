using System.Diagnostics;
using System.Globalization;
using Analytics.Api;
using Analytics.Api.Data;
using Analytics.Api.Impact;
using Analytics.Api.Queries;
using Analytics.Api.Reports;
using Analytics.Impact;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analytics.Benches;

/// <summary>
/// <c>dotnet run -c Release --project tools/Benches -- impact [--warehouse PATH] [--region CODE] [--measure ID]
/// [--treatment integration] [--runs 3]</c>: one impact analysis (default window, 499 bootstrap draws) of a scope,
/// cold (the process's first: JIT, first connection, DuckDB's cold file) and warm, split into reading the panel and
/// the estimate, and the answer kept for the generation; with the load average, since the machine is shared. With
/// <c>--synthetic</c>, the estimator alone on a simulated panel shaped like a 10M-ticket warehouse (1,700 townships ×
/// 72 months, 21 monthly cohorts). Set ANALYTICS_TRACE=1 for every query's time. Asserts no time.
/// </summary>
internal static class ImpactBench
{
    public static async Task<int> Run(string[] args)
    {
        var options = new CommandOptions(args, "synthetic");
        var runs = int.Parse(options["runs"] ?? "3", CultureInfo.InvariantCulture);
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        if (options.Has("synthetic"))
            return Synthetic(runs);
        var warehouse = options["warehouse"] ?? WarehousePaths.DefaultWarehouse;
        var region = options["region"] ?? "360000000000";
        var measure = options["measure"] ?? "hotline_resolution_rate";
        var treatment = options["treatment"] ?? "integration";
        var total = Stopwatch.StartNew();
        using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = warehouse }),
            NullLogger<WarehouseConnections>.Instance);
        using var session = new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance),
            new HttpContextAccessor());
        session.Open(CancellationToken.None);
        var queries = new WarehouseQueries(session, ReportArchive.Builder, CancellationToken.None);
        var file = queries.GenerationFile;
        Console.WriteLine($"warehouse {file} ({new FileInfo(file).Length / 1_048_576} MiB), " +
                          $"{measure} under {region}, treatment {treatment}");
        Console.WriteLine("| run | read panel s | estimate s | total s | townships | months | load average |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var read = await ImpactQuery.Read(queries, measure, region, treatment);
            if (read.Problem is { } problem)
            {
                Console.Error.WriteLine($"impact: {problem.Status} {problem.Detail}");
                return 1;
            }
            var reading = watch.Elapsed.TotalSeconds;
            var answer = read.Value!.Estimate(new ImpactOptions());
            var estimating = watch.Elapsed.TotalSeconds - reading;
            // The cold run counts from the process's start of work: opening the warehouse is part of a first request.
            var all = run == 0 ? total.Elapsed.TotalSeconds : watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(run == 0 ? "cold" : $"warm {run}")} | {reading:0.00} | {estimating:0.00} | {all:0.00} " +
                $"| {answer.Townships} " +
                $"| {read.Value.Panel.Months} | {LoadAverage()} |"));
        }
        // Through ImpactQuery.Run: the first asks, the second finds the answer kept for the generation.
        var asked = Stopwatch.StartNew();
        var first = await ImpactQuery.Run(queries, measure, region, treatment, null, null, null);
        var askedSeconds = asked.Elapsed.TotalSeconds;
        var again = Stopwatch.StartNew();
        var kept = await ImpactQuery.Run(queries, measure, region, treatment, null, null, null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ImpactQuery.Run: {askedSeconds:0.00} s, asked again {again.Elapsed.TotalMilliseconds:0.0} ms " +
            $"(same answer: {ReferenceEquals(first.Value, kept.Value)})"));
        if (first.Value?.Estimate is { Overall: { } o } e)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"overall {o.Estimate:0.0000} [{o.Low:0.0000}, {o.High:0.0000}], {e.TreatedUnits} treated, " +
                $"{e.ComparisonUnits} comparison, " +
                $"{e.Cohorts} cohorts"));
        return 0;
    }

    private static int Synthetic(int runs)
    {
        var shape = new SimulatedPanel
        {
            Units = 1700, Months = 72, NeverShare = 0.02, CohortMonths = [.. Enumerable.Range(2, 21)], Denominator = 400,
        };
        var panel = shape.Generate(1).Panel;
        Console.WriteLine("estimator alone, simulated panel 1,700 townships × 72 months, 21 cohorts, 499 draws");
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var estimate = CallawaySantAnna.Estimate(panel);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "cold" : $"warm {run}")}: {watch.Elapsed.TotalSeconds:0.00} s " +
                $"(overall {estimate.Overall?.Estimate:0.0000}), " +
                $"load average {LoadAverage()}"));
        }
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";
}
