using System.Diagnostics;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Data;

/// <summary>
/// Follows the warehouse link. DuckDB.NET caches a database instance per path, so reopening a path after a load
/// would show the old data: the ETL writes each load to a new generation file and swaps the link, and this class
/// opens the link's target. It looks at the link at most once per <see cref="WarehouseOptions.GenerationCheckInterval"/>;
/// a request that started on an older generation finishes on it.
/// </summary>
public sealed class WarehouseConnections(IOptions<WarehouseOptions> options, ILogger<WarehouseConnections> logger) : IDisposable
{
    private readonly Generations generations = new(options.Value.Path);
    private readonly Lock gate = new();
    private Generation? current;
    private long lastCheck = long.MinValue;

    public string WarehousePath => generations.WarehousePath;

    /// <summary>The current generation with a reference taken; the caller releases it when its request ends.</summary>
    public Generation Acquire()
    {
        while (true)
        {
            var generation = Current();
            if (generation.TryAcquire())
                return generation;
        }
    }

    private Generation Current()
    {
        var now = Stopwatch.GetTimestamp();
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref lastCheck), now) < options.Value.GenerationCheckInterval)
            return snapshot;
        lock (gate)
        {
            Interlocked.Exchange(ref lastCheck, now);
            var file = generations.Current()
                ?? throw new WarehouseUnavailableException($"no warehouse at {generations.WarehousePath}: run the ETL load first");
            if (current is not null && string.Equals(current.File, file, StringComparison.Ordinal))
                return current;
            var next = new Generation(file, options.Value.Threads, options.Value.IdleConnections);
            var previous = current;
            Volatile.Write(ref current, next);
            logger.LogInformation("Reading warehouse generation {File}", file);
            previous?.Release();
            return next;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Release();
            current = null;
        }
    }
}

/// <summary>No warehouse has been loaded yet at the configured path.</summary>
public sealed class WarehouseUnavailableException(string message) : Exception(message);
