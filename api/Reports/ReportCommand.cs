using System.Diagnostics;
using System.Globalization;
using Analytics.Api.Forecasts;
using Analytics.Api.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Reports;

/// <summary>
/// <c>dotnet run --project api -- report --region 360000000000 --period 2024-Q3 [--out DIR] [--warehouse PATH] [--no-pdf]</c>:
/// writes the region's report for a month, quarter or year as self-contained HTML and as PDF.
/// </summary>
public static class ReportCommand
{
    public static async Task<int> Run(string[] args)
    {
        var options = new CommandOptions(args, "no-pdf");
        if (options["region"] is not { } region || options["period"] is not { } period)
        {
            Console.Error.WriteLine("usage: report --region CODE --period 2024-07|2024-Q3|2024 [--out DIR] [--warehouse PATH] [--no-pdf]");
            return 2;
        }
        var warehouse = options["warehouse"] ?? new WarehouseOptions().Path;
        var stopwatch = Stopwatch.StartNew();
        var pdf = !options.Has("no-pdf");
        // Chromium starts while the report is built (its start is a cold run's largest single cost, and it runs in
        // processes of its own); the print then finds it ready. A missing browser is reported by the print itself.
        var browser = pdf ? Task.Run(() => ChromiumBrowser.Shared(CancellationToken.None)) : Task.CompletedTask;
        using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = warehouse }), NullLogger<WarehouseConnections>.Instance);
        var archive = new ReportArchive(options["out"] ?? "reports", new ForecastCache(),
            () => new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor()));
        using var session = new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor());
        session.Open(CancellationToken.None);
        try
        {
            var phases = new List<(string Step, TimeSpan Time)> { ("open", stopwatch.Elapsed) };
            var content = await archive.Write(session, region, period, pdf, CancellationToken.None, phases);
            string S(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            // Paths are absolute, whatever folder the command ran in; the steps' times (since the start) show where a cold run goes.
            Console.WriteLine($"{content.RegionName} {content.PeriodText}: {archive.Html(region, period)}{(pdf ? "  " + archive.Pdf(region, period) : "")}" +
                $"  ({S(stopwatch.Elapsed)} s: {string.Join(", ", phases.Select(p => $"{p.Step} {S(p.Time + (p.Step == "open" ? TimeSpan.Zero : phases[0].Time))}"))})");
            return 0;
        }
        catch (Exception e) when (e is Queries.QueryProblemException or InvalidOperationException or WarehouseUnavailableException or MissingToolException)
        {
            Console.Error.WriteLine($"report: {e.Message}");
            return 1;
        }
        finally
        {
            // Observed, so a browser that could not start (reported by the print) is not an unobserved task error.
            await browser.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
