using System.Diagnostics.Metrics;
using Analytics.Api.Forecasts;
using Analytics.Api.Data;
using Analytics.Warehouse;
using Analytics.Warehouse.Operations;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Metrics;

/// <summary>
/// What the warehouse's files say, observed at each scrape: the current generation's age and the load journal
/// (runs by outcome, the last run's time, duration and rows, whether it failed), and the forecast cache's counts.
/// </summary>
public sealed class WarehouseGauges
{
    private readonly Generations generations;
    private readonly LoadJournal journal;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private (long Length, DateTime Written) journalSeen = (-1, default);
    private IReadOnlyList<LoadAttempt> attempts = [];

    public WarehouseGauges(IMeterFactory meters, IOptions<WarehouseOptions> options, ForecastCache forecasts, TimeProvider clock)
    {
        generations = new Generations(options.Value.Path);
        journal = new LoadJournal(options.Value.Path);
        this.clock = clock;
        var meter = meters.Create(ApiMetrics.MeterName);
        meter.CreateObservableGauge("analytics.generation.age", ObserveAge, "s",
            "Time since the generation being served was written by its load");
        meter.CreateObservableCounter("analytics.load.runs", ObserveRuns, "{run}",
            "Loads that changed the warehouse, failed or were stopped, by outcome (from the load journal)");
        meter.CreateObservableGauge("analytics.load.last.failed", () => Last() is { Outcome: not LoadAttempt.Committed } ? 1 : 0,
            "{bool}", "1 when the last load attempt failed or was stopped (the warehouse is unchanged since the one before)");
        meter.CreateObservableGauge("analytics.load.last.duration", () => Last()?.Seconds ?? 0, "s", "Duration of the last load attempt");
        meter.CreateObservableGauge("analytics.load.last.finished", () => Last() is { } a ? new DateTimeOffset(a.FinishedAt, TimeSpan.Zero).ToUnixTimeSeconds() : 0,
            "s", "When the last load attempt ended (Unix time)");
        meter.CreateObservableGauge("analytics.load.last.rows", ObserveRows, "{row}",
            "Rows of the last committed load's changed files: read, loaded, quarantined");
        meter.CreateObservableCounter("analytics.forecast.cache.hits", () => forecasts.CacheHits, "{forecast}", "Forecasts answered from the cache");
        meter.CreateObservableCounter("analytics.forecast.trainings", () => forecasts.Trained, "{forecast}", "Forecasts trained (cache misses)");
    }

    /// <summary>The serving generation's age, or nothing before the first load.</summary>
    public TimeSpan? GenerationAge()
    {
        if (generations.Current() is not { } current)
            return null;
        return clock.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(current);
    }

    private IEnumerable<Measurement<double>> ObserveAge() =>
        GenerationAge() is { } age ? [new(age.TotalSeconds)] : [];

    private IEnumerable<Measurement<long>> ObserveRuns() =>
        Attempts().GroupBy(a => a.Outcome).Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("outcome", g.Key)));

    private IEnumerable<Measurement<long>> ObserveRows()
    {
        if (Attempts().LastOrDefault(a => a.Outcome == LoadAttempt.Committed) is not { } a)
            return [];
        return
        [
            new(a.RowsRead, new KeyValuePair<string, object?>("kind", "read")),
            new(a.RowsLoaded, new KeyValuePair<string, object?>("kind", "loaded")),
            new(a.RowsQuarantined, new KeyValuePair<string, object?>("kind", "quarantined")),
        ];
    }

    private LoadAttempt? Last() => Attempts().LastOrDefault();

    /// <summary>The journal, read again only when it grew.</summary>
    public IReadOnlyList<LoadAttempt> Attempts()
    {
        var info = new FileInfo(journal.File);
        var seen = info.Exists ? (info.Length, info.LastWriteTimeUtc) : (0L, default(DateTime));
        lock (gate)
        {
            if (seen != journalSeen)
            {
                attempts = journal.Read();
                journalSeen = seen;
            }
            return attempts;
        }
    }
}
