using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Load;
using Analytics.Generator;
using DuckDB.NET.Data;

namespace Analytics.Benches;

/// <summary>
/// <c>load [--tickets 1000000,10000000] [--dir DIR] [--runs 3] [--months 12] [--steps full,month,disk] [--prepare-only]</c>: for each size, on generated hotline
/// exports, prints (1) a full load against DuckDB copying the same files with the same typing and caller hash in one
/// <c>CREATE TABLE AS SELECT ... FROM read_csv</c>, with peak memory and bytes written, and beside them DuckDB running
/// the loader's own checks into the fact store's Parquet layout in one statement (<see cref="CheckedParquet"/>); (2) adding the last month to
/// the history against DuckDB reading and typing that month alone, in interleaved pairs; (3) disk after adding the
/// last <c>--months</c> months one load at a time, against the stored size of the data. Each side runs in a child
/// process so peak memory and bytes written are its own. Nothing here asserts a time: the figures go to BENCHMARKS.md.
/// Run it as <c>scripts/bench.sh load ...</c>: published with ReadyToRun code, as deploy/install.sh installs the ETL,
/// so a child does not spend a short load compiling what an installed load does not.
/// </summary>
internal static class LoadBench
{
    public static int Run(string[] args)
    {
        var sizes = (LoadCommand.Arg(args, "--tickets") ?? "1000000,10000000")
            .Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var root = Path.GetFullPath(LoadCommand.Arg(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "analytics-bench"));
        var runs = int.Parse(LoadCommand.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var months = int.Parse(LoadCommand.Arg(args, "--months") ?? "12", CultureInfo.InvariantCulture);
        // A 30M full load takes most of an hour: --steps month adds months to the warehouse an earlier run left.
        var steps = (LoadCommand.Arg(args, "--steps") ?? "full,month,disk").Split(',');
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB; folder {root}; {LoadAverage()}");
        foreach (var size in sizes)
        {
            var source = Prepare(root, size);
            if (args.Contains("--prepare-only"))
                continue;
            if (steps.Contains("full"))
                FullLoad(root, source, size);
            if (steps.Contains("month"))
                AddOneMonth(root, source, size, runs);
            if (steps.Contains("disk"))
                DiskAfterMonthlyLoads(root, source, size, months);
        }
        return 0;
    }

    private static void FullLoad(string root, string source, long size)
    {
        var bytes = HotlineFiles(source).Sum(f => new FileInfo(f).Length);
        var duck = Child("duckdb", source, Path.Combine(root, $"duckdb-{size}.duckdb"), "all");
        var floor = Child("duckdb-checked", source, Path.Combine(root, $"duckdb-checked-{size}"), "all");
        var ours = Child("ours", source, Path.Combine(root, $"ours-{size}", "warehouse.duckdb"), "all");
        var stored = StoredBytes(Path.Combine(root, $"ours-{size}", "warehouse.duckdb"));
        Console.WriteLine($"full load, {size:N0} tickets ({bytes / 1e6:N0} MB of CSV), {LoadAverage()}");
        Console.WriteLine($"  duckdb typed copy {duck.Seconds,7:N1} s {duck.Rows / duck.Seconds,10:N0} rows/s  peak {duck.PeakMb,6:N0} MB  wrote {duck.WrittenMb,7:N0} MB");
        Console.WriteLine($"  duckdb, our checks into our Parquet layout (no row numbers, duplicates or marts) {floor.Seconds,7:N1} s" +
                          $"  peak {floor.PeakMb,6:N0} MB  ({floor.Rows:N0} rows; its speed / the typed copy's {floor.Rows / floor.Seconds / (duck.Rows / duck.Seconds):N2})");
        Console.WriteLine($"  ours              {ours.Seconds,7:N1} s {ours.Rows / ours.Seconds,10:N0} rows/s  peak {ours.PeakMb,6:N0} MB  wrote {ours.WrittenMb,7:N0} MB" +
                          $"  stored {stored / 1e6:N0} MB  (written/stored {ours.WrittenMb * 1e6 / stored:N2})");
        Console.WriteLine($"  ratio (ours speed / duckdb speed) {ours.Rows / ours.Seconds / (duck.Rows / duck.Seconds):N2}");
    }

    /// <summary>Removes the last month (a pruning load, untimed), then times adding it back, paired with DuckDB.</summary>
    private static void AddOneMonth(string root, string source, long size, int runs)
    {
        var warehouse = Path.Combine(root, $"ours-{size}", "warehouse.duckdb");
        var last = HotlineFiles(source).Last();
        var aside = Path.Combine(root, Path.GetFileName(last));
        Console.WriteLine($"add one month ({Path.GetFileName(last)}) to {size:N0} tickets, {runs} interleaved pairs");
        var ratios = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            File.Move(last, aside);
            Child("ours-prune", source, warehouse, "");
            File.Move(aside, last);
            var (first, second) = run % 2 == 0 ? ("ours-add", "duckdb") : ("duckdb", "ours-add");
            var a = Child(first, source, first == "duckdb" ? Path.Combine(root, "month.duckdb") : warehouse, last);
            var b = Child(second, source, second == "duckdb" ? Path.Combine(root, "month.duckdb") : warehouse, last);
            var (ours, duck) = first == "duckdb" ? (b, a) : (a, b);
            ratios.Add(ours.Seconds / duck.Seconds);
            Console.WriteLine($"  run {run + 1}: ours {ours.Seconds,6:N2} s ({ours.Rows:N0} rows)  duckdb month alone {duck.Seconds,6:N2} s  ours/duckdb {ours.Seconds / duck.Seconds:N2}  peak {ours.PeakMb:N0} MB  {LoadAverage()}");
        }
        Console.WriteLine($"  median ours/duckdb {ratios.Order().ElementAt(ratios.Count / 2):N2}");
    }

    /// <summary>Loads the history without its last months, then adds them one load each, as an office would.</summary>
    private static void DiskAfterMonthlyLoads(string root, string source, long size, int months)
    {
        var history = Path.Combine(root, $"monthly-{size}");
        var warehouse = Path.Combine(root, $"monthly-wh-{size}", "warehouse.duckdb");
        if (Directory.Exists(history))
            Directory.Delete(history, recursive: true);
        Directory.CreateDirectory(Path.Combine(history, "cases"));
        File.Copy(Path.Combine(source, "regions.csv"), Path.Combine(history, "regions.csv"));
        var files = HotlineFiles(source).ToList();
        // Hard links: the loader refuses symbolic links that leave the source folder, and copies would cost gigabytes.
        foreach (var file in files.SkipLast(months))
            HardLink(file, Path.Combine(history, "cases", Path.GetFileName(file)));
        Child("ours", history, warehouse, "all");
        var watch = Stopwatch.StartNew();
        foreach (var file in files.TakeLast(months))
        {
            HardLink(file, Path.Combine(history, "cases", Path.GetFileName(file)));
            Child("ours-monthly", history, warehouse, "");
        }
        var stored = StoredBytes(warehouse);
        var disk = DirectoryBytes(Path.GetDirectoryName(warehouse)!);
        Console.WriteLine($"disk after {months} monthly loads at {size:N0} tickets ({watch.Elapsed.TotalSeconds:N0} s): {disk / 1e6:N0} MB on disk, " +
                          $"data {stored / 1e6:N0} MB, ratio {(double)disk / stored:N2}");
    }

    /// <summary>The child: runs one side and reports seconds, rows, its own peak memory and bytes written.</summary>
    public static int RunChild(string[] args)
    {
        var (side, source, target, scope) = (args[0], args[1], args[2], args.Length > 3 ? args[3] : "");
        var watch = Stopwatch.StartNew();
        long rows;
        if (side == "duckdb-checked")
        {
            rows = CheckedParquet(source, target);
        }
        else if (side == "duckdb")
        {
            File.Delete(target);
            using var connection = new DuckDBConnection($"Data Source={target}");
            connection.Open();
            using var command = connection.CreateCommand();
            var files = scope == "all" ? Path.Combine(source, "cases", "hotline_*.csv") : scope;
            command.CommandText = TypedCopy(files) + "; SELECT count(*) FROM tickets;";
            rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        else
        {
            if (side == "ours" && Directory.Exists(Path.GetDirectoryName(target)))
                Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
            // Monthly loads run weeks apart: no reader can still be on a superseded generation, so none is kept
            // beyond the newest three.
            var result = new Loader(new LoadOptions(source, target) { Prune = side == "ours-prune", RetainFor = TimeSpan.Zero }).Run();
            rows = result.Files.Where(f => f.Family == "hotline_tickets" && f.Status != FileStatus.Unchanged).Sum(f => f.Loaded);
        }
        Console.WriteLine(string.Join(' ', watch.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture), rows, PeakMb(), WrittenMb()));
        return 0;
    }

    /// <summary>
    /// What the engine itself takes for the part of a load's work that is closest to the typed copy: the same files
    /// typed and checked by the loader's own SQL (<see cref="ValidationSql.InsertChecked"/>: trimming, dates, the
    /// region code, the family's rules) and the good rows written as the fact store lays them out (Parquet, zstd 1,
    /// by month and file), in one statement. It leaves out what a load must also do: rows numbered by their place in
    /// the file (the loader's temp table), duplicates, the quarantine, the file hashes and the marts. A floor, not a
    /// rival: the full-load goal is set against the typed copy. Returns the rows written.
    /// </summary>
    private static long CheckedParquet(string source, string target)
    {
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        var family = Analytics.Etl.Sources.Families.HotlineTickets;
        var cases = Path.Combine(source, "cases") + Path.DirectorySeparatorChar;
        var columns = family.Stored.Select(c => c.Personal == Analytics.Etl.Sources.Personal.Hash
            ? $"CASE WHEN nullif(trim(\"{c.Header}\"), '') IS NOT NULL THEN left(sha256('bench-salt' || trim(\"{c.Header}\")), 16) END AS \"{c.Name}\""
            : $"\"{c.Header}\" AS \"{c.Name}\"");
        var read = $"""
            SELECT 'cases/' || replace(filename, '{cases}', '') AS _file, NULL::VARCHAR AS _sheet, NULL::BIGINT AS _row, NULL::BIGINT AS _pos,
                   {string.Join(", ", columns)}
            FROM read_csv('{cases}hotline_*.csv', header = true, all_varchar = true, filename = true)
            """;
        var checkedRows = ValidationSql.InsertChecked(family, new LoadOptions(source, target), read)["INSERT INTO checked ".Length..];
        var stored = string.Join(", ", family.Stored.Select(c => $"\"{c.Name}\""));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            ATTACH ':memory:' AS scratch;
            CREATE TYPE scratch.region_codes AS ENUM (
              SELECT DISTINCT "区划代码" FROM read_csv('{Path.Combine(source, "regions.csv")}', header = true, all_varchar = true)
              WHERE "区划代码" IS NOT NULL ORDER BY 1);
            COPY (
              SELECT {stored}, _file, _sheet, _row, hash("ticket_id") AS _key_hash,
                     CAST(date_trunc('month', "received_at") AS DATE) AS month, _file AS version
              FROM ({checkedRows}) WHERE _problem IS NULL
            ) TO '{target}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARTITION_BY (month, version));
            SELECT count(*) FROM read_parquet('{target}/**/*.parquet');
            """;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>DuckDB's strongest fair copy: the same columns typed as ours and the same salted caller hash.</summary>
    private static string TypedCopy(string files) => $"""
        CREATE TABLE tickets AS
        SELECT 工单编号 AS ticket_id, TRY_CAST(来电时间 AS TIMESTAMP) AS received_at,
               left(sha256('bench-salt' || trim(联系电话)), 16) AS caller_hash, 诉求类别 AS category, 承办单位代码 AS township_code,
               TRY_CAST(派单时间 AS TIMESTAMP) AS dispatched_at, TRY_CAST(首次联系时间 AS TIMESTAMP) AS first_contact_at,
               TRY_CAST(办结时间 AS TIMESTAMP) AS closed_at, 是否解决 AS resolved, 满意度 AS satisfaction,
               是否吹哨 = '是' AS whistle, 报到部门 AS responding_department
        FROM read_csv('{files}', header = true, all_varchar = true)
        """;

    private static (double Seconds, long Rows, double PeakMb, double WrittenMb) Child(string side, string source, string target, string scope)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (!Environment.ProcessPath!.EndsWith("Analytics.Benches", StringComparison.Ordinal))
            start.ArgumentList.Add(typeof(LoadBench).Assembly.Location); // running under `dotnet Analytics.Benches.dll`
        foreach (var a in new[] { "load-child", side, source, target, scope })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split('\n').Last().Split(' ');
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bench child '{side}' failed with exit code {process.ExitCode}");
        return (double.Parse(output[0], CultureInfo.InvariantCulture), long.Parse(output[1], CultureInfo.InvariantCulture),
            double.Parse(output[2], CultureInfo.InvariantCulture), double.Parse(output[3], CultureInfo.InvariantCulture));
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start("ln", [existing, link]);
        ln.WaitForExit();
        if (ln.ExitCode != 0)
            throw new IOException($"ln {existing} {link} failed");
    }

    private static IEnumerable<string> HotlineFiles(string source) =>
        Directory.GetFiles(Path.Combine(source, "cases"), "hotline_*.csv").Order(StringComparer.Ordinal);

    /// <summary>The current generation's catalog and the Parquet parts it lists.</summary>
    private static long StoredBytes(string warehouse)
    {
        var generations = new Analytics.Warehouse.Generations(warehouse);
        var current = generations.Current()!;
        return new FileInfo(current).Length + File.ReadLines(current + ".parts").Sum(p => new FileInfo(generations.Facts.FullPath(p)).Length);
    }

    private static long DirectoryBytes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f))
            .Where(f => f.LinkTarget is null).Sum(f => f.Length);

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
            SourceFile.Inspect(file, Path.GetFileName(file), Analytics.Etl.Sources.Families.HotlineTickets)
                .CopyAsUtf8(Path.Combine(source, "cases", Path.GetFileName(file)));
        }
        Directory.Delete(generated, recursive: true);
        File.WriteAllText(Path.Combine(source, ".ready"), "");
        return source;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static double PeakMb() => Status("VmHWM:") / 1024;

    private static double Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Bytes this process caused to be written to storage (its own files and DuckDB's spills).</summary>
    private static double WrittenMb()
    {
        var line = File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1e6;
    }
}
