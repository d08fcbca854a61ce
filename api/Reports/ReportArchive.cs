using System.Collections.Concurrent;
using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Api.Data;

namespace Analytics.Api.Reports;

/// <summary>
/// Where reports are kept: <c>{folder}/{region}/{period}.html|.pdf</c>, with the generation they were built from
/// beside them, so a stable URL serves the archived file until a new load makes it stale. A build opens a session of
/// its own (<c>sessions</c>), so it outlives the request that asked for it.
/// </summary>
public sealed class ReportArchive(string folder, ForecastCache forecaster, Func<WarehouseSession> sessions, ReportOptions? options = null)
{
    /// <summary>Reports are built nationwide (the key's region is checked before one is served).</summary>
    public static readonly ClaimsPrincipal Builder = new(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Admin)], "report"));

    // Lazy: GetOrAdd may run its factory on several racing threads and keep one result, so a factory that started the
    // build itself started it twice (seen as two builds of one report for four concurrent requests).
    private readonly ConcurrentDictionary<(string Region, string Period, bool Pdf), Lazy<Task>> building = new();
    private readonly ConcurrentDictionary<string, ReportArchive> scoped = new(StringComparer.Ordinal);
    private ClaimsPrincipal builder = Builder;

    /// <summary>
    /// The archive for keys scoped to <paramref name="root"/> that may not compare outside it: their report of their own
    /// region is built within their scope (no parent value, no rank among the parent's other children), kept apart
    /// from the nationwide one. Reports of regions below the root need no such copy: their comparisons stay inside.
    /// </summary>
    public ReportArchive ScopedTo(string root) => scoped.GetOrAdd(root, r => new ReportArchive(Path.Combine(Folder, "scoped"), forecaster, sessions, Options)
    {
        builder = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Admin), new Claim(Roles.RegionClaim, r)], "report")),
    });
    private long builds;

    /// <summary>Reports built since the start (a request that found one current, or joined one being built, adds none).</summary>
    public long Builds => Interlocked.Read(ref builds);

    public string Folder { get; } = folder;

    public ReportOptions Options { get; } = options ?? new ReportOptions();

    /// <summary><c>Reports:Archive</c>, or <c>reports/</c> beside the warehouse link.</summary>
    public static string DefaultFolder(IConfiguration configuration, string warehousePath) =>
        configuration["Reports:Archive"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath)) ?? ".", "reports");

    public string Html(string region, string period) => Path.GetFullPath(Path.Combine(Folder, region, period + ".html"));
    public string Pdf(string region, string period) => Path.GetFullPath(Path.Combine(Folder, region, period + ".pdf"));
    private string Stamp(string region, string period) => Path.Combine(Folder, region, period + ".generation");

    /// <summary>Whether the archived report (and its PDF when asked) was built from <paramref name="generation"/>.</summary>
    public bool IsCurrent(string region, string period, string generation, bool pdf) =>
        File.Exists(Stamp(region, period)) && File.ReadAllText(Stamp(region, period)) == Path.GetFileName(generation)
        && File.Exists(Html(region, period)) && (!pdf || File.Exists(Pdf(region, period)));

    /// <summary>
    /// Makes the archived report current, building it when stale. Concurrent callers for the same report share one
    /// build, which runs on its own session and is not cancelled with a caller: <paramref name="cancellation"/> only
    /// stops the waiting.
    /// </summary>
    public Task Ensure(string region, string period, bool pdf, CancellationToken cancellation)
    {
        var key = (region, period, pdf);
        return building.GetOrAdd(key, k => new Lazy<Task>(() => Build(k))).Value.WaitAsync(cancellation);
    }

    /// <summary>One build of a report, whose entry in <see cref="building"/> goes when it ends (the next caller checks
    /// the archive again).</summary>
    private async Task Build((string Region, string Period, bool Pdf) key)
    {
        try
        {
            await Task.Run(() => BuildIfStale(key.Region, key.Period, key.Pdf));
        }
        finally
        {
            building.TryRemove(key, out _);
        }
    }

    private async Task BuildIfStale(string region, string period, bool pdf)
    {
        using var session = sessions();
        session.Open(CancellationToken.None);
        if (!IsCurrent(region, period, session.GenerationFile, pdf))
            await Write(session, region, period, pdf, CancellationToken.None);
    }

    /// <summary>
    /// Builds the report from the session's generation and archives its HTML and, when asked, its PDF. When given,
    /// <paramref name="phases"/> gets the time of each step (build, html, pdf): the one-shot command prints them.
    /// </summary>
    public async Task<ReportContent> Write(WarehouseSession session, string region, string period, bool pdf, CancellationToken cancellation,
        IList<(string Step, TimeSpan Time)>? phases = null)
    {
        Interlocked.Increment(ref builds);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var content = await new ReportBuilder(new WarehouseQueries(session, builder, cancellation), forecaster, Options).Build(region, period);
        phases?.Add(("build", clock.Elapsed));
        Directory.CreateDirectory(Path.Combine(Folder, region));
        // Written aside and renamed: a reader never gets half a file, and two builders of one report don't collide.
        var html = Html(region, period);
        var temp = Path.Combine(Path.GetDirectoryName(html)!, $".{period}.{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(temp, ReportHtml.Write(content), cancellation);
        phases?.Add(("html", clock.Elapsed));
        if (pdf)
        {
            var tempPdf = Path.ChangeExtension(temp, ".pdf");
            await ChromiumPdf.Print(temp, tempPdf, cancellation);
            phases?.Add(("pdf", clock.Elapsed));
            File.Move(tempPdf, Pdf(region, period), overwrite: true);
        }
        File.Move(temp, html, overwrite: true);
        var stamp = Stamp(region, period) + "." + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(stamp, Path.GetFileName(session.GenerationFile), cancellation);
        File.Move(stamp, Stamp(region, period), overwrite: true);
        Metrics.ApiMetrics.ReportBuilt(started, pdf);
        return content;
    }
}
