using System.Collections.Concurrent;
using Analytics.Api.Warehouse;
using Analytics.Warehouse.Measures;
using DuckDB.NET.Data;
using Measure = Analytics.Warehouse.Measures.Measure;

namespace Analytics.Api.Forecasts;

/// <summary>
/// Forecasts for the API, the charts and the reports. A forecast is trained once per warehouse generation, measure,
/// region and origin: the generation is the only thing that changes the data, so a request never retrains what is
/// already known, and a new load drops the old generation's forecasts. Twelve months are always trained; a shorter
/// horizon is a cut of the same forecast. Series are read from measure_values at month grain, as loaded.
/// </summary>
public sealed class ForecastCache(WarehouseConnections connections)
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
    /// <paramref name="origin"/> (a month like 2024-07; the series' last month when null). Null when the region has no
    /// value of the measure. Throws <see cref="ArgumentException"/> for an unknown or yearly measure, a horizon outside
    /// 1-12 or an origin outside the series. No region scope here: callers check what the key may see.
    /// </summary>
    public async Task<ForecastResult?> ForecastAsync(string measureId, string regionCode, int horizon = MonthlySeries.HorizonMax,
        string? origin = null, CancellationToken cancellation = default)
    {
        var measure = MeasureCatalog.Find(measureId) ?? throw new ArgumentException($"unknown measure '{measureId}'");
        if (!IsMonthly(measure))
            throw new ArgumentException($"{measureId} has no monthly series (grains: {measure.Grains})");
        if (horizon is < 1 or > MonthlySeries.HorizonMax)
            throw new ArgumentException($"horizon must be between 1 and {MonthlySeries.HorizonMax}");
        var current = connections.Acquire();
        Lazy<Task<ForecastResult?>> entry;
        try
        {
            var entries = EntriesFor(current.File);
            var key = (measure.Id, regionCode, origin ?? "");
            var created = false;
            entry = entries.GetOrAdd(key, _ =>
            {
                created = true;
                return new Lazy<Task<ForecastResult?>>(() => Train(current, measure, regionCode, origin));
            });
            if (!created)
                Interlocked.Increment(ref cacheHits);
            var task = entry.Value;
            // A failure (bad origin, interrupted read) is not kept: the next request tries again.
            _ = task.ContinueWith(t => entries.TryRemove(new KeyValuePair<(string, string, string), Lazy<Task<ForecastResult?>>>(key, entry)),
                CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            var result = await task.WaitAsync(cancellation);
            return result?.Take(horizon);
        }
        finally
        {
            current.Release();
        }
    }

    private ConcurrentDictionary<(string, string, string), Lazy<Task<ForecastResult?>>> EntriesFor(string file)
    {
        lock (gate)
        {
            if (!string.Equals(generation, file, StringComparison.Ordinal))
            {
                generation = file;
                cache = new();
            }
            return cache;
        }
    }

    /// <summary>Runs off the request: a cancelled request leaves the training to finish for the next one.</summary>
    private Task<ForecastResult?> Train(Generation source, Measure measure, string regionCode, string? origin)
    {
        if (!source.TryAcquire())
            throw new WarehouseUnavailableException("the warehouse generation closed before the forecast was trained");
        return Task.Run(() =>
        {
            try
            {
                Interlocked.Increment(ref trained);
                using var connection = source.Open();
                if (MonthlySeries.From(measure, Read(connection, measure.Id, regionCode)) is not { } series)
                    return null;
                return ForecastEngine.Forecast(series, regionCode, origin is null ? null : series.IndexOf(origin));
            }
            finally
            {
                source.Release();
            }
        });
    }

    /// <summary>One region's monthly values of one measure.</summary>
    public static List<MonthValue> Read(DuckDBConnection connection, string measureId, string regionCode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT period, value, numerator, denominator FROM measure_values
            WHERE measure_id = $measure AND region_code = $region AND period_grain = 'month' ORDER BY period
            """;
        command.Parameters.Add(new DuckDBParameter("measure", measureId));
        command.Parameters.Add(new DuckDBParameter("region", regionCode));
        using var reader = command.ExecuteReader();
        var rows = new List<MonthValue>();
        while (reader.Read())
        {
            rows.Add(MonthValue.Read(reader, 0));
        }
        return rows;
    }
}
