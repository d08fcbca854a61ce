using System.Diagnostics;
using System.Globalization;
using Analytics.Api;
using Analytics.Api.Charts;
using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Api.Reports;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace Analytics.Benches;

/// <summary>
/// <c>dotnet run -c Release --project tools/Benches -- report --warehouse PATH --period 2024-Q3 --regions A,B</c>: per region,
/// its children, the time to draw one chart (children ranking PNG, median of 5), to build the HTML report and to
/// print it to PDF; last, the memory of the process and of the Chromium it prints with. Figures go to BENCHMARKS.md.
/// </summary>
internal static class ReportBench
{
    public static async Task<int> Run(string[] args)
    {
        var options = new CommandOptions(args);
        var warehouse = options["warehouse"] ?? new WarehouseOptions().Path;
        var period = options["period"] ?? "2024-Q3";
        var regions = (options["regions"] ?? "610300000000,360000000000").Split(',');
        using var connections = new WarehouseConnections(Options.Create(new WarehouseOptions { Path = warehouse }), NullLogger<WarehouseConnections>.Instance);
        var archive = new ReportArchive(Directory.CreateTempSubdirectory("report-bench-").FullName, new ForecastCache(),
            () => new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor()));
        using var session = new WarehouseSession(connections, new SqlLog(NullLogger<SqlLog>.Instance), new HttpContextAccessor());
        session.Open(CancellationToken.None);
        await archive.Write(session, regions[0], period, pdf: false, CancellationToken.None); // warm-up: JIT, fonts, DuckDB caches
        // The browser lives as long as the process (ChromiumBrowser): its start is paid once, by the first print.
        var first = Stopwatch.StartNew();
        await ChromiumPdf.Print(archive.Html(regions[0], period), archive.Pdf(regions[0], period));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first print (browser start + print): {first.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine("| region | children | one chart ms (median of 5) | HTML report s | PDF print s | total s " +
                          "| children part s: 11 → n | grandchildren n |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var region in regions)
        {
            var children = session.Table<Region>().Count(r => r.ParentCode == region);
            var queries = new WarehouseQueries(session, ReportArchive.Builder, CancellationToken.None);
            var drawer = new ChartDrawer(queries);
            var chartTimes = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                using var chart = await drawer.ChildRanking(MeasureIds.InstitutionStreamliningRate, region, period);
                _ = chart.Plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png);
                chartTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            var total = Stopwatch.StartNew();
            await archive.Write(session, region, period, pdf: false, CancellationToken.None);
            var html = total.Elapsed.TotalSeconds;
            var print = Stopwatch.StartNew();
            await ChromiumPdf.Print(archive.Html(region, period), archive.Pdf(region, period));
            var pdf = print.Elapsed.TotalSeconds;
            var r = (await queries.Region(region)).OrThrow();
            var own = Levels.Below(r) is { } level ? await ChildrenPart(queries, region, level, period) : (0, 0);
            var grand = Levels.Below(r, 2) is { } below ? await ChildrenPart(queries, region, below, period) : (0, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {region} | {children} | {chartTimes.Order().ElementAt(2):0} | {html:0.00} | {pdf:0.00} | {html + pdf:0.00} " +
                $"| {own.Seconds:0.00} → {grand.Seconds:0.00} | {grand.Count} |"));
        }
        Console.WriteLine(ProcessTreeMemory());
        Directory.Delete(archive.Folder, recursive: true);
        return 0;
    }

    /// <summary>
    /// Memory of this process and of the processes it started (Chromium's browser, renderer, GPU and utility
    /// processes), from /proc while the browser is alive: RSS as <c>ps</c> shows it (pages shared between Chromium's
    /// processes count in each) and PSS (shared pages split between their users, so it adds up).
    /// </summary>
    private static string ProcessTreeMemory()
    {
        if (!Directory.Exists("/proc/self"))
            return "memory: no /proc";
        var parents = new Dictionary<int, int>();
        var memory = new Dictionary<int, (long Rss, long Pss)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // "pid (name) state ppid ...": the name may hold spaces, so the fields are counted after its ')'.
                var parent = stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0];
                parents[pid] = int.Parse(parent, CultureInfo.InvariantCulture);
                var rollup = File.ReadAllLines(Path.Combine(folder, "smaps_rollup"));
                long Field(string name) => rollup.FirstOrDefault(l => l.StartsWith(name + ":")) is { } line
                    ? long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) : 0;
                memory[pid] = (Field("Rss"), Field("Pss"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Exited while read.
            }
        }
        var self = Environment.ProcessId;
        bool Below(int pid) => pid == self || (parents.TryGetValue(pid, out var parent) && parent > 1 && Below(parent));
        var tree = memory.Keys.Where(p => p != self && Below(p)).ToList();
        string Mb(IEnumerable<int> pids) => string.Create(CultureInfo.InvariantCulture,
            $"{pids.Sum(p => memory[p].Rss) / 1024.0:0}/{pids.Sum(p => memory[p].Pss) / 1024.0:0}");
        return $"memory MB (RSS/PSS): this process {Mb([self])}, chromium {Mb(tree)} ({tree.Count} processes), " +
               $"total {Mb([self, .. tree])}";
    }

    /// <summary>
    /// What of a report grows with the regions ranked: the ranking table's six comparisons and the three ranking charts
    /// (children, devolution, grid coverage), here of the regions of <paramref name="level"/> under the region. Run for
    /// the grandchildren (a province's ~100 counties) it stands for a region with that many children, which the
    /// warehouse does not have.
    /// </summary>
    private static async Task<(double Seconds, int Count)> ChildrenPart(WarehouseQueries queries, string region, string level, string period)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        foreach (var id in (string[])[MeasureIds.HotlineCompositeScore, MeasureIds.InstitutionStreamliningRate, MeasureIds.GridCoverageRate,
                     MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate, MeasureIds.DevolvedPowers])
        {
            var m = Analytics.Warehouse.Measures.MeasureCatalog.Find(id)!;
            var comparison = (await queries.Compare(id, Periods.For(m, period), level, region)).OrThrow();
            count = Math.Max(count, comparison.Regions.Count);
            if (id is not (MeasureIds.InstitutionStreamliningRate or MeasureIds.GridCoverageRate or MeasureIds.DevolvedPowers))
                continue;
            using var plot = RankingChart.Build(id, comparison, m, null, comparison.Regions.FirstOrDefault()?.ParentValue, "上级");
            _ = plot.GetImageBytes(ChartDrawer.Width, RankingChart.Height(comparison.Regions.Count), ImageFormat.Png);
        }
        return (watch.Elapsed.TotalSeconds, count);
    }
}
