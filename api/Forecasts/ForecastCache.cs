using System.Collections.Concurrent;
using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Forecasts;

/// <summary>
/// Forecasts for the API, the charts and the reports. A forecast is trained once per warehouse generation, measure,
/// region and origin: the generation is the only thing that changes the data, so a request never retrains what is
/// already known, and a new load drops the old generation's forecasts. Twelve months are always trained; a shorter
/// horizon is a cut of the same forecast. Series are read through the caller's query layer (its request's session and
/// generation), so a report built during a load forecasts from the same generation as its tables. After a load the
/// background run (<see cref="ForecastSchedule"/>) fills the cache for the configured provinces; a request that comes
/// first trains its own series, and the run then finds it kept. A request still reading an older generation is
/// answered without keeping anything, so it never replaces the newer generation's forecasts.
/// </summary>
public sealed class ForecastCache
{
    private readonly Lock gate = new();
    private string? generation;
    private ConcurrentDictionary<(string Measure, string Region, string Origin), Lazy<Task<ForecastResult?>>> cache = new();
    private long trained;
    private long cacheHits;

    /// <summary>Forecasts trained since the start (a cached one is not counted again).</summary>
    public long Trained => Interlocked.Read(ref trained);

    /// <summary>Requests answered from a forecast already trained (or being trained) for the current generation.</summary>
    public long CacheHits => Interlocked.Read(ref cacheHits);

    /// <summary>The 404 detail for a region without the measure's monthly values.</summary>
    public static string NoValues(string regionCode, string measureId) => $"{regionCode} has no monthly values of {measureId}";

    /// <summary>Measures with a monthly series (staffing is yearly only).</summary>
    public static bool IsMonthly(Measure measure) => measure.Grains.Split(',').Contains("month");

    /// <summary>
    /// The forecast of <paramref name="measureId"/> for <paramref name="regionCode"/>, 1-12 months after
    /// <paramref name="origin"/> (a month like 2024-07; the series' last month when null), from the generation
    /// <paramref name="queries"/> reads. Null when the region has no value of the measure. Throws
    /// <see cref="ArgumentException"/> for an unknown or yearly measure, a horizon outside 1-12 or an origin outside the
    /// series. No region scope here: <see cref="WarehouseQueries.Forecast"/> checks what the key may see.
    /// </summary>
    public async Task<ForecastResult?> ForecastAsync(WarehouseQueries queries, string measureId, string regionCode,
        int horizon = MonthlySeries.HorizonMax, string? origin = null, CancellationToken cancellation = default)
    {
        var measure = MeasureCatalog.Find(measureId) ?? throw new ArgumentException($"unknown measure '{measureId}'");
        if (!IsMonthly(measure))
            throw new ArgumentException($"{measureId} has no monthly series (grains: {measure.Grains})");
        if (horizon is < 1 or > MonthlySeries.HorizonMax)
            throw new ArgumentException($"horizon must be between 1 and {MonthlySeries.HorizonMax}");
        if (EntriesFor(queries.GenerationFile) is not { } entries)
        {
            var months = await queries.Months(measure.Id, regionCode);
            return (await Train(measure, months, regionCode, origin).WaitAsync(cancellation))?.Take(horizon);
        }
        var key = (measure.Id, regionCode, origin ?? "");
        if (entries.TryGetValue(key, out var entry))
            Interlocked.Increment(ref cacheHits);
        else
        {
            // Read on the request's connection (not thread-safe, so not inside the training task); trained off it.
            var rows = await queries.Months(measure.Id, regionCode);
            var created = false;
            entry = entries.GetOrAdd(key, _ =>
            {
                created = true;
                return new Lazy<Task<ForecastResult?>>(() => Train(measure, rows, regionCode, origin));
            });
            if (!created)
                Interlocked.Increment(ref cacheHits);
        }
        var task = entry.Value;
        // A failure (bad origin) is not kept: the next request tries again.
        _ = task.ContinueWith(t => entries.TryRemove(new KeyValuePair<(string, string, string), Lazy<Task<ForecastResult?>>>(key, entry)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        var result = await task.WaitAsync(cancellation);
        return result?.Take(horizon);
    }

    /// <summary>
    /// Trains and keeps the forecast from the series' last month, unless it is kept or being trained already: the
    /// background run's step, on its own thread. False when a newer generation than <paramref name="file"/> has been
    /// seen, so the run stops.
    /// </summary>
    public bool Warm(string file, Measure measure, string regionCode, List<MonthValue> rows)
    {
        if (EntriesFor(file) is not { } entries)
            return false;
        var entry = entries.GetOrAdd((measure.Id, regionCode, ""), _ => new Lazy<Task<ForecastResult?>>(() =>
        {
            try
            {
                return Task.FromResult(TrainNow(measure, rows, regionCode, null));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                // Kept as a failed task: the first request to read it drops it and trains again (see ForecastAsync).
                return Task.FromException<ForecastResult?>(e);
            }
        }));
        _ = entry.Value;
        Interlocked.Increment(ref warmed);
        return true;
    }

    /// <summary>Series the background run has kept (or found kept) since the start.</summary>
    public long Warmed => Interlocked.Read(ref warmed);

    private long warmed;

    /// <summary>The forecasts of <paramref name="file"/>'s generation; null when a newer one has been seen.</summary>
    private ConcurrentDictionary<(string, string, string), Lazy<Task<ForecastResult?>>>? EntriesFor(string file)
    {
        lock (gate)
        {
            // Generation files are named by the time of their load: a later load sorts after an earlier one.
            var order = generation is null ? 1
                : string.CompareOrdinal(Path.GetFileName(file), Path.GetFileName(generation));
            if (order < 0)
                return null;
            if (order > 0)
            {
                generation = file;
                cache = new();
            }
            return cache;
        }
    }

    /// <summary>Runs off the request: a cancelled request leaves the training to finish for the next one.</summary>
    private Task<ForecastResult?> Train(Measure measure, List<MonthValue> rows, string regionCode, string? origin) =>
        Task.Run(() => TrainNow(measure, rows, regionCode, origin));

    private ForecastResult? TrainNow(Measure measure, List<MonthValue> rows, string regionCode, string? origin)
    {
        Interlocked.Increment(ref trained);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (MonthlySeries.From(measure, rows) is not { } series)
            return null;
        var forecast = ForecastEngine.Forecast(series, regionCode, origin is null ? null : series.IndexOf(origin));
        Metrics.ApiMetrics.ForecastBuilt(started);
        return forecast;
    }
}
