using Analytics.Api.Data;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Options;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>Which reports are built after each successful load (section "Reports" of the configuration).</summary>
public sealed class ReportOptions
{
    /// <summary>Grains to build after a load, comma-separated: month, quarter, year. Empty turns the schedule off.</summary>
    public string Schedule { get; set; } = "";

    /// <summary>Region codes, comma-separated; empty: every province.</summary>
    public string Regions { get; set; } = "";

    /// <summary>Whether scheduled reports are also printed to PDF (needs Chromium).</summary>
    public bool Pdf { get; set; } = true;

    /// <summary>How often the schedule looks for a new warehouse generation (a successful load).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>预警线: a rate of <see cref="AlertMeasures"/> under this share is flagged in the 综述 (0.9 = 90%).</summary>
    public double AlertBelow { get; set; } = 0.9;

    /// <summary>
    /// The rates the 预警线 applies to, comma-separated: service rates offices are scored on. A reform ratio such as the
    /// streamlining rate has targets of its own and is not held to it.
    /// </summary>
    public string AlertMeasures { get; set; } =
        "hotline_response_rate,hotline_resolution_rate,hotline_satisfaction_rate,grid_coverage_rate,grid_event_closure_rate";

    /// <summary>A rate that fell this many months in a row is flagged in the 综述.</summary>
    public int AlertFallingMonths { get; set; } = 3;
}

/// <summary>
/// After each successful load (a new generation behind the warehouse link) builds and archives, for each configured
/// region and grain, the report of the latest period that has hotline or reform data. A failure is logged and
/// retried at the next load; the API keeps serving.
/// </summary>
public sealed class ReportSchedule(IServiceScopeFactory scopes, ReportArchive archive, IOptions<ReportOptions> options,
    ILogger<ReportSchedule> logger) : BackgroundService
{
    private string? lastGeneration;

    /// <summary>The reports archived by the last run (for tests and the log).</summary>
    public IReadOnlyList<(string Region, string Period)> LastRun { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grains = options.Value.Schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (grains.Length == 0)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnce(grains, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled reports failed; retrying after the next load");
            }
            await Task.Delay(options.Value.CheckInterval, stoppingToken);
        }
    }

    private async Task RunOnce(string[] grains, CancellationToken cancellation)
    {
        using var scope = scopes.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        session.Open(cancellation);
        if (session.GenerationFile == lastGeneration)
            return;
        var regions = options.Value.Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (regions.Length == 0)
            regions = [.. await session.Table<Region>().Where(r => r.LevelEn == "province").Select(r => r.Code).ToListAsync(cancellation)];
        var built = new List<(string, string)>();
        foreach (var region in regions)
        {
            foreach (var grain in grains)
            {
                var latest = await session.Table<MeasureValue>()
                    .Where(v => v.RegionCode == region && v.PeriodGrain == grain && v.Value != null
                                && (v.MeasureId == MeasureIds.HotlineTickets || v.MeasureId == MeasureIds.InstitutionsIntegrated))
                    .MaxAsync(v => (string?)v.Period, cancellation);
                if (latest is null || archive.IsCurrent(region, latest, session.GenerationFile, options.Value.Pdf))
                    continue;
                await archive.Write(session, region, latest, options.Value.Pdf, cancellation);
                built.Add((region, latest));
                logger.LogInformation("Archived report {Region} {Period}", region, latest);
            }
        }
        LastRun = built;
        lastGeneration = session.GenerationFile;
    }
}
