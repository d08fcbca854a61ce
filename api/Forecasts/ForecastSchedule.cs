using System.Diagnostics;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Forecasts;

/// <summary>Which forecasts are computed after each load (section "Forecasts" of the configuration).</summary>
public sealed class ForecastOptions
{
    /// <summary>Whether forecasts are computed in the background after each load. Off: all on demand.</summary>
    public bool Schedule { get; set; }

    /// <summary>Province codes, comma-separated; empty: every province.</summary>
    public string Regions { get; set; } = "";

    /// <summary>
    /// Region levels forecast under each province, comma-separated (province, city, county, township, community).
    /// Townships and communities hold most of the series; the rest of a province is forecast on demand.
    /// </summary>
    public string Levels { get; set; } = "province,city,county";

    /// <summary>At most this many series per load, all provinces together; the rest are forecast on demand.</summary>
    public int MaxSeries { get; set; } = 20_000;

    /// <summary>Series trained at once; 0: one per core.</summary>
    public int Parallelism { get; set; }

    /// <summary>How often the schedule looks for a new warehouse generation (a successful load).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// After each successful load (a new generation behind the warehouse link) forecasts every monthly series of the
/// configured provinces and levels into <see cref="ForecastCache"/>, so the API, the charts and the reports answer
/// from there. Each province's series are read in one statement, then trained in parallel. Requests meanwhile are
/// answered on demand; a newer load stops the run, and the next one starts on the newer generation.
/// </summary>
public sealed class ForecastSchedule(IServiceScopeFactory scopes, ForecastCache cache,
    IOptions<ForecastOptions> options, ILogger<ForecastSchedule> logger) : BackgroundService
{
    private string? lastGeneration;

    /// <summary>The generation the last complete run forecast (for tests and the log); null before the first.</summary>
    public string? LastGeneration => Volatile.Read(ref lastGeneration);

    /// <summary>Series the last complete run forecast.</summary>
    public int LastRunSeries { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Schedule)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnce(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled forecasts failed; retrying after the next load");
            }
            await Task.Delay(options.Value.CheckInterval, stoppingToken);
        }
    }

    private async Task RunOnce(CancellationToken cancellation)
    {
        using var scope = scopes.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        session.Open(cancellation);
        var file = session.GenerationFile;
        if (file == lastGeneration)
            return;
        var started = Stopwatch.GetTimestamp();
        var provinces = Split(options.Value.Regions);
        if (provinces.Length == 0)
            provinces = [.. await session.Table<Region>().Where(r => r.LevelEn == "province").OrderBy(r => r.Code)
                .Select(r => r.Code).ToListAsync(cancellation)];
        var levels = Split(options.Value.Levels).ToList();
        var monthly = MeasureCatalog.All.Where(ForecastCache.IsMonthly).Select(m => m.Id).ToList();
        var budget = options.Value.MaxSeries;
        var done = 0;
        foreach (var province in provinces)
        {
            if (budget - done <= 0)
                break;
            var series = await Series(session, province, levels, monthly, cancellation);
            var parallel = new ParallelOptions
            {
                CancellationToken = cancellation,
                MaxDegreeOfParallelism =
                    options.Value.Parallelism > 0 ? options.Value.Parallelism : Environment.ProcessorCount,
            };
            var stale = false;
            // Load-balanced: the series come sorted by measure; a snapshot trains in microseconds, a flow in tens of ms.
            var batch = series.Take(budget - done).ToList();
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(batch, loadBalance: true), parallel, (s, state) =>
                {
                    if (!cache.Warm(file, s.Measure, s.Region, s.Rows))
                    {
                        stale = true;
                        state.Stop();
                    }
                });
            if (stale)
            {
                logger.LogInformation("Scheduled forecasts of {File} stopped: a newer load was published", file);
                return;
            }
            done += Math.Min(series.Count, budget - done);
        }
        LastRunSeries = done;
        Volatile.Write(ref lastGeneration, file);
        logger.LogInformation("Forecast {Series} series of {Provinces} provinces in {Seconds:0.0} s", done,
            provinces.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Every monthly series of one province at the given levels, in one statement, oldest month first.</summary>
    private static async Task<List<(Measure Measure, string Region, List<MonthValue> Rows)>> Series(
        WarehouseSession session, string province, List<string> levels, List<string> measures, CancellationToken cancellation)
    {
        // Region codes begin with their province's two digits (GB/T 2260).
        var prefix = province.Length >= 2 ? province[..2] : province;
        var rows = await session.Table<MeasureValue>()
            .Where(v => v.PeriodGrain == "month" && v.RegionCode.StartsWith(prefix) && levels.Contains(v.RegionLevel)
                        && measures.Contains(v.MeasureId))
            .OrderBy(v => v.MeasureId).ThenBy(v => v.RegionCode).ThenBy(v => v.Period)
            .Select(v => new
            {
                v.MeasureId,
                v.RegionCode,
                Month = new MonthValue(v.Period, v.Value, v.Numerator, v.Denominator),
            })
            .ToListAsync(cancellation);
        return rows.GroupBy(r => (r.MeasureId, r.RegionCode))
            .Select(g => (MeasureCatalog.Find(g.Key.MeasureId)!, g.Key.RegionCode, g.Select(r => r.Month).ToList()))
            .ToList();
    }

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
