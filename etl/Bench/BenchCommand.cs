using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Generate;
using Analytics.Etl.Load;
using DuckDB.NET.Data;

namespace Analytics.Etl.Bench;

/// <summary>
/// <c>bench [--tickets 1000000,10000000] [--dir DIR]</c>: loads generated hotline CSVs with our loader and with
/// DuckDB's own read_csv into a plain table (all VARCHAR: the fastest copy it can make, so the ratio is conservative), each in a child process so peak memory is its own, and prints
/// rows per second and the ratio. Figures go to BENCHMARKS.md by hand; nothing here asserts a time.
/// </summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        var sizes = (LoadCommand.Arg(args, "--tickets") ?? "1000000,10000000")
            .Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var root = Path.GetFullPath(LoadCommand.Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "analytics-bench"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB; folder {root}");
        Console.WriteLine($"{"tickets",12} {"csv MB",8} {"duckdb s",9} {"duckdb rows/s",14} {"duckdb peak MB",15} {"ours s",8} {"ours rows/s",12} {"ours peak MB",13} {"ratio",6}");
        foreach (var size in sizes)
        {
            var source = Prepare(root, size);
            var bytes = Directory.GetFiles(Path.Combine(source, "cases")).Sum(f => new FileInfo(f).Length);
            var duck = Child("duckdb", source, Path.Combine(root, $"duckdb-{size}.duckdb"));
            var ours = Child("ours", source, Path.Combine(root, $"ours-{size}", "warehouse.duckdb"));
            Console.WriteLine(
                $"{size,12:N0} {bytes / 1e6,8:N0} {duck.Seconds,9:N1} {duck.Rows / duck.Seconds,14:N0} {duck.PeakMb,15:N0} " +
                $"{ours.Seconds,8:N1} {ours.Rows / ours.Seconds,12:N0} {ours.PeakMb,13:N0} {ours.Rows / ours.Seconds / (duck.Rows / duck.Seconds),6:N2}");
            if (duck.Rows != ours.Rows)
                Console.WriteLine($"  note: duckdb read {duck.Rows:N0} rows, our load kept {ours.Rows:N0} (the rest were quarantined)");
        }
        return 0;
    }

    /// <summary>The child: times one side and reports seconds, rows and its own peak resident memory.</summary>
    public static int RunChild(string[] args)
    {
        var (side, source, target) = (args[0], args[1], args[2]);
        var watch = Stopwatch.StartNew();
        long rows;
        if (side == "duckdb")
        {
            File.Delete(target);
            using var connection = new DuckDBConnection($"Data Source={target}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE tickets AS SELECT * FROM read_csv('{Path.Combine(source, "cases", "hotline_*.csv")}', header = true, all_varchar = true); SELECT count(*) FROM tickets;";
            rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        else
        {
            if (Directory.Exists(Path.GetDirectoryName(target)))
                Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
            var result = new Loader(new LoadOptions(source, target)).Run();
            rows = result.Files.Where(f => f.Family == "hotline_tickets").Sum(f => f.Loaded);
        }
        Console.WriteLine(string.Join(' ', watch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture), rows, PeakMb()));
        return 0;
    }

    private static (double Seconds, long Rows, double PeakMb) Child(string side, string source, string target)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("Analytics.Etl", StringComparison.Ordinal))
            start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location); // running under `dotnet Analytics.Etl.dll`
        foreach (var a in new[] { "bench-child", side, source, target })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split('\n').Last().Split(' ');
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bench child '{side}' failed with exit code {process.ExitCode}");
        return (double.Parse(output[0], CultureInfo.InvariantCulture), long.Parse(output[1], CultureInfo.InvariantCulture),
            double.Parse(output[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Generates N tickets once, keeps regions and hotline files, and makes them all UTF-8 (DuckDB reads no GB18030).</summary>
    private static string Prepare(string root, long tickets)
    {
        var source = Path.Combine(root, $"source-{tickets}");
        if (File.Exists(Path.Combine(source, ".ready")))
            return source;
        var generated = Path.Combine(root, $"generated-{tickets}");
        GenerateCommand.Generate(generated, tickets, Seeds.Default);
        Directory.CreateDirectory(Path.Combine(source, "cases"));
        File.Copy(Path.Combine(generated, "regions.csv"), Path.Combine(source, "regions.csv"), overwrite: true);
        foreach (var file in Directory.GetFiles(Path.Combine(generated, "cases"), "hotline_*.csv"))
        {
            SourceFile.Inspect(file, Path.GetFileName(file), Sources.Families.HotlineTickets)
                .CopyAsUtf8(Path.Combine(source, "cases", Path.GetFileName(file)));
        }
        Directory.Delete(generated, recursive: true);
        File.WriteAllText(Path.Combine(source, ".ready"), "");
        return source;
    }

    private static double PeakMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
