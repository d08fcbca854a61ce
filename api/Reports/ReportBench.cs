using System.Diagnostics;
using System.Globalization;
using Analytics.Api.Charts;
using Analytics.Api.Forecasts;
using Analytics.Api.Warehouse;
using LinqToDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace Analytics.Api.Reports;

/// <summary>
/// <c>dotnet run -c Release --project api -- report bench --warehouse PATH --period 2024-Q3 --regions A,B</c>: per region,
/// its children, the time to draw one chart (children ranking PNG, median of 5), to build the HTML report and to
/// print it to PDF. Figures go to BENCHMARKS.md.
/// </summary>
public static class ReportBench
{
    public static async Task<int> Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        var warehouse = options.GetValueOrDefault("warehouse") ?? new WarehouseOptions().Path;
        var period = options.GetValueOrDefault("period") ?? "2024-Q3";
        var regions = (options.GetValueOrDefault("regions") ?? "610300000000,360000000000").Split(',');
        using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = warehouse }), NullLogger<WarehouseConnections>.Instance);
        var archive = new ReportArchive(Directory.CreateTempSubdirectory("report-bench-").FullName, new Forecaster(connections));
        using var session = new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor());
        session.Open(CancellationToken.None);
        await archive.Write(session, regions[0], period, pdf: false, CancellationToken.None); // warm-up: JIT, fonts, DuckDB caches
        Console.WriteLine($"| region | children | one chart ms (median of 5) | HTML report s | PDF print s | total s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var region in regions)
        {
            var children = session.Table<Region>().Count(r => r.ParentCode == region);
            var queries = new ChartQueries(session, ReportArchive.Builder, CancellationToken.None);
            var chartTimes = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                using var chart = await queries.ChildRanking("institution_streamlining_rate", region, period);
                _ = chart.Plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png);
                chartTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            var total = Stopwatch.StartNew();
            await archive.Write(session, region, period, pdf: false, CancellationToken.None);
            var html = total.Elapsed.TotalSeconds;
            var print = Stopwatch.StartNew();
            await ChromiumPdf.Print(archive.Html(region, period), archive.Pdf(region, period));
            var pdf = print.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {region} | {children} | {chartTimes.Order().ElementAt(2):0} | {html:0.00} | {pdf:0.00} | {html + pdf:0.00} |"));
        }
        Directory.Delete(archive.Folder, recursive: true);
        return 0;
    }
}
