using System.Diagnostics;
using System.Globalization;
using Analytics.Api.Forecasts;
using Analytics.Api.Warehouse;
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
        if (args is ["bench", .. var benchArgs])
            return await ReportBench.Run(benchArgs);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-pdf")
                flags.Add("no-pdf");
            else if (i + 1 < args.Length)
                options[args[i].TrimStart('-')] = args[++i];
        }
        if (!options.TryGetValue("region", out var region) || !options.TryGetValue("period", out var period))
        {
            Console.Error.WriteLine("usage: report --region CODE --period 2024-07|2024-Q3|2024 [--out DIR] [--warehouse PATH] [--no-pdf]");
            return 2;
        }
        var warehouse = options.GetValueOrDefault("warehouse") ?? new WarehouseOptions().Path;
        var stopwatch = Stopwatch.StartNew();
        using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = warehouse }), NullLogger<WarehouseConnections>.Instance);
        var archive = new ReportArchive(options.GetValueOrDefault("out") ?? "reports", new Forecaster(connections));
        using var session = new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor());
        session.Open(CancellationToken.None);
        try
        {
            var pdf = !flags.Contains("no-pdf");
            var content = await archive.Write(session, region, period, pdf, CancellationToken.None);
            Console.WriteLine($"{content.RegionName} {content.PeriodText}: {archive.Html(region, period)}{(pdf ? "  " + archive.Pdf(region, period) : "")}" +
                $"  ({stopwatch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            return 0;
        }
        catch (Exception e) when (e is Charts.ChartProblemException or InvalidOperationException or WarehouseUnavailableException or MissingToolException)
        {
            Console.Error.WriteLine($"report: {e.Message}");
            return 1;
        }
    }
}
