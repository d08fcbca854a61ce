using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Analytics.Api;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Warehouse;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Benches;

/// <summary>
/// <c>dotnet run -c Release --project tools/Benches -- api [--warehouse PATH] [--runs N] [--seconds S] [--during-load SOURCE] [--sql true]</c>:
/// latency of representative requests (comparison, trend, a filter, $apply, the whole $apply across its pages, the
/// point lookup) cold and warm against the same SQL run directly in DuckDB in this process, as ratios, once the
/// runtime has finished compiling the API's hot code (<see cref="WarmUp"/>); then 16
/// connections on loopback cold and warm, p50 and p99 against 16 DuckDB connections replaying the same SQL; with
/// <c>--during-load</c>, the warm run again while a child process runs <c>etl load --rebuild --source SOURCE</c>
/// into a copy of the warehouse the bench makes first and serves from (copy, recompute, swap the link). The
/// warehouse given is only read; the key file and audit trail go to the bench's temporary folder.
/// </summary>
internal static class ApiBench
{
    private const string Key = "bench-admin-key";

    public static async Task<int> Run(string[] args)
    {
        var options = new CommandOptions(args);
        var warehouse = options["warehouse"] ?? WarehousePaths.DefaultWarehouse;
        var runs = int.Parse(options["runs"] ?? "50", CultureInfo.InvariantCulture);
        var seconds = int.Parse(options["seconds"] ?? "10", CultureInfo.InvariantCulture);
        // The bench's own folder: key file, audit trail and, with --during-load, the warehouse copy the load writes to.
        var scratch = Directory.CreateTempSubdirectory("api-bench-").FullName;
        if (options["during-load"] is not null)
            warehouse = CopyWarehouse(warehouse, scratch);
        var file = new Generations(warehouse).Current() ?? throw new InvalidOperationException($"no warehouse at {warehouse}");

        // The API's own appsettings.json (copied beside the bench), whatever folder the bench runs from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Only errors are logged (to stderr): a request the API failed is what a bench run must not hide.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Configuration["Logging:LogLevel:Default"] = "Error";
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Error";
        builder.Configuration["Warehouse:Path"] = warehouse;
        builder.Configuration[ApiSetup.AdminKeyVariable] = Key;
        builder.Configuration["Access:PermitsPerSecond"] = "1000000";
        builder.Configuration["Access:Burst"] = "1000000";
        // A key file and an audit trail of the bench's own: nothing lands beside the warehouse it reads. Every request
        // is still recorded, as in production.
        var keyFile = Path.Combine(scratch, "api-keys.json");
        builder.Configuration["Access:KeyFile"] = keyFile;
        builder.Configuration["Audit:Folder"] = Path.Combine(scratch, "audit");
        // No report schedule: it would build reports (and PDFs) beside the warehouse while the bench measures, and its
        // SQL would land in the log the bench replays.
        builder.Configuration["Reports:Schedule"] = "";
        builder.Configuration["Forecasts:Schedule"] = "false";
        builder.AddAnalyticsApi();
        var app = builder.Build();
        app.UseAnalyticsApi();
        await app.StartAsync();
        var address = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var log = app.Services.GetRequiredService<SqlLog>();

        // One connection to the generation for the bench's own queries: picking the region, counting, replaying.
        using var direct = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        direct.Open();
        var (region, city, period) = await Pick(direct);
        // The $apply again with a city analyst's key: the region scope's IN over region_closure is in the SQL.
        using var scoped = new HttpClient { BaseAddress = new Uri(address) };
        scoped.DefaultRequestHeaders.Add("X-Api-Key", new KeyStore(keyFile).Add(Roles.Analyst, city).Key);
        string[] requests =
        [
            $"/api/dashboards/comparison?measure=hotline_response_rate&period={period}&level=township",
            $"/api/dashboards/trend?measure=hotline_resolution_rate&region={region}",
            "/odata/HotlineTickets?$filter=Whistle eq true and ResponseHours gt 24&$select=TicketId,TownshipCode,ReceivedAt&$orderby=ReceivedAt desc&$top=100",
            "/odata/HotlineTickets?$apply=groupby((TownshipCode,Satisfaction),aggregate($count as Tickets))",
        ];

        Console.WriteLine($"warehouse {file} ({new FileInfo(file).Length / 1_048_576} MiB), {await TicketCount(direct):N0} tickets, {Environment.ProcessorCount} cores, load average {LoadAverage()}, {runs} runs each");
        // The deployed API runs the server GC (a web project's default); this process runs the one it was started with.
        Console.WriteLine(System.Runtime.GCSettings.IsServerGC
            ? "GC: server, as the deployed API"
            : "GC: workstation (the deployed API runs the server GC; DOTNET_gcServer=1 runs the bench with it)");
        Console.WriteLine();
        // Cold: each run asks a question never asked before (a parameter the API ignores makes it new), so no kept
        // answer helps; warm: the same question again, answered from the generation's kept answers.
        Console.WriteLine("| request | API cold p50 ms | API warm p50 ms | DuckDB p50 ms | DuckDB p95 ms | cold ratio | warm ratio | DuckDB, connection per run, p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var sqlShown = new List<(string Request, IReadOnlyList<SqlLog.Statement> Statements)>();
        // The point lookup's SQL takes next to nothing, so its API time is the fixed per-request cost (HTTP, key,
        // OData, connection, serialisation). The whole $apply follows @odata.nextLink to the last page.
        var latency = requests.Select(r => (Request: r, Client: http, Label: $"`{r}`", Pages: false))
            .Append((requests[3], scoped, $"the same `$apply` with a key scoped to city {city}", false))
            .Append((WholeApply, http, $"`{WholeApply}`, every page", true))
            .Append(("/odata/Measures('hotline_tickets')", http, "`/odata/Measures('hotline_tickets')` (point lookup, fixed cost)", false));
        var question = 0;
        var (warmSeconds, warmMethods) = await WarmUp([.. latency.Select(l => (l.Item1, l.Item2, l.Item4))]);
        var compiledWhileTimed = new List<long>();
        foreach (var (request, client, label, pages) in latency)
        {
            // One new question first, so the statements replayed are those of a new question to a running API (what
            // it reads once per generation, such as a load setting, is not among them), then the one whose SQL is kept.
            await Fetch(client, Fresh(request, ++question), pages);
            log.Clear();
            var pageCount = await Fetch(client, Fresh(request, ++question), pages);
            var statements = log.RecentStatements.ToList();
            sqlShown.Add((label, statements));
            for (var i = 0; i < 3; i++)
                await Fetch(client, request, pages);
            Replay(direct, statements).GetAwaiter().GetResult();
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            // The sides alternate run by run, so noise from the other engineers' jobs on the shared cores falls on
            // all alike. The last side opens a connection per run, as the API does per request.
            var times = await TimeInterleaved(runs,
                () => Fetch(client, Fresh(request, ++question), pages),
                () => Fetch(client, request, pages),
                () => Replay(direct, statements),
                () =>
                {
                    using var fresh = new DuckDBConnection(direct.ConnectionString);
                    fresh.Open();
                    return Replay(fresh, statements);
                });
            compiledWhileTimed.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - compiled);
            var (cold, warm, sql, freshSql) = (times[0], times[1], times[2], times[3]);
            Console.WriteLine($"| {label}{(pages ? $" ({pageCount} pages)" : "")} | {cold.P50:0.0} | {warm.P50:0.0} | {sql.P50:0.0} | {sql.P95:0.0} | {cold.P50 / sql.P50:0.00} | {warm.P50 / sql.P50:0.00} | {freshSql.P50:0.0} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Warm-up before timing: {warmSeconds:0} s, {warmMethods:N0} methods compiled by the "
            + $"runtime; compiled while each row was timed: {string.Join(", ", compiledWhileTimed)}.");
        await CompressedAnswers(http, requests[0], runs, () => ++question);

        if (options["sql"] is not null)
        {
            foreach (var (request, statements) in sqlShown)
            {
                Console.WriteLine();
                Console.WriteLine($"{request}:");
                foreach (var statement in statements)
                    Console.WriteLine($"  {statement.CommandText.ReplaceLineEndings("\n  ")}");
            }
        }

        Console.WriteLine();
        var coldRate = await Throughput(http, requests, Until(seconds), fresh: true);
        Console.WriteLine($"16 connections, {coldRate.Seconds:0} s, the four requests in turn, cold (every question new): {coldRate}");
        var steady = await Throughput(http, requests, Until(seconds), fresh: false);
        Console.WriteLine($"16 connections, {steady.Seconds:0} s, the four requests in turn, warm (the same questions): {steady}");
        // DuckDB on 16 connections of its own, each replaying the four requests' SQL in turn: the ratios' baseline.
        var duck = await DuckThroughput(direct.ConnectionString,
            [.. sqlShown.Take(requests.Length).Select(s => s.Statements)], Until(seconds));
        Console.WriteLine($"16 connections, {duck.Seconds:0} s, the four requests' SQL in turn, DuckDB directly: {duck}");
        var failed = steady.Errors.Count > 0 || coldRate.Errors.Count > 0;
        Rate? duringLoad = null;

        if (options["during-load"] is { } source)
        {
            var before = new Generations(warehouse).Current();
            using var load = StartLoad(source, warehouse);
            // Keep serving a few seconds past the swap so requests also run on the new generation.
            var ended = long.MaxValue;
            var during = await Throughput(http, requests, fresh: false, done: () =>
            {
                if (load.HasExited && ended == long.MaxValue)
                    ended = Stopwatch.GetTimestamp();
                return ended != long.MaxValue && Stopwatch.GetElapsedTime(ended).TotalSeconds > 3;
            });
            var after = new Generations(warehouse).Current();
            Console.WriteLine($"throughput, 16 connections, during `etl load --rebuild` (exit {load.ExitCode}, generation {(before == after ? "NOT swapped" : "swapped")}), {during.Seconds:0} s: {during}");
            failed |= during.Errors.Count > 0 || load.ExitCode != 0 || before == after;
            duringLoad = during;
        }

        Console.WriteLine();
        Console.WriteLine("16 connections as ratios to DuckDB (same SQL, same process, 16 connections of its own):");
        Console.WriteLine(
            "| 16 connections | API p50 ms | API p99 ms | DuckDB p50 ms | DuckDB p99 ms | p50 ratio | p99 ratio | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (label, rate) in new[] { ("cold (every question new)", coldRate), ("warm (the same questions)", steady) }
                     .Concat(duringLoad is null ? [] : [("warm, during a load", duringLoad)]))
            Console.WriteLine(Ratios(label, rate, duck));
        await app.StopAsync();
        direct.Close();
        await app.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
        return failed ? 1 : 0;
    }

    private static Func<bool> Until(int seconds)
    {
        var clock = Stopwatch.StartNew();
        return () => clock.Elapsed.TotalSeconds >= seconds;
    }

    private sealed record Rate(long Ok, double Seconds, ConcurrentBag<string> Errors, ConcurrentBag<double> Times)
    {
        public override string ToString()
        {
            var (p50, p99) = Times.IsEmpty ? (0, 0) : Percentiles([.. Times], 0.99);
            return $"{Ok / Seconds:0} requests/s, p50 {p50:0} ms, p99 {p99:0} ms, {Errors.Count} errors {string.Join(" ", Errors.Distinct().Take(5))}".TrimEnd();
        }
    }

    private static string Ratios(string label, Rate api, Rate duck)
    {
        var (p50, p99) = api.Times.IsEmpty ? (0, 0) : Percentiles([.. api.Times], 0.99);
        var (d50, d99) = duck.Times.IsEmpty ? (0, 0) : Percentiles([.. duck.Times], 0.99);
        return $"| {label} | {p50:0.0} | {p99:0.0} | {d50:0.0} | {d99:0.0} | {p50 / d50:0.00} | {p99 / d99:0.00} "
               + $"| {api.Errors.Count} |";
    }

    /// <summary>16 DuckDB connections, each replaying the requests' statements in turn until <paramref name="done"/>.</summary>
    private static async Task<Rate> DuckThroughput(string connectionString, IReadOnlyList<SqlLog.Statement>[] requests,
        Func<bool> done)
    {
        var ok = 0L;
        var errors = new ConcurrentBag<string>();
        var times = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Factory.StartNew(() =>
        {
            using var connection = new DuckDBConnection(connectionString);
            connection.Open();
            for (var i = w; !done(); i++)
            {
                try
                {
                    var start = Stopwatch.GetTimestamp();
                    Replay(connection, requests[i % requests.Length]).GetAwaiter().GetResult();
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Interlocked.Increment(ref ok);
                }
                catch (DuckDBException e)
                {
                    errors.Add(e.Message);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        await Task.WhenAll(workers);
        return new Rate(ok, clock.Elapsed.TotalSeconds, errors, times);
    }

    /// <summary>
    /// Sends every timed request, as a new and as a repeated question, until the runtime has compiled next to nothing
    /// for 10 s (at most 5 minutes); returns the time taken and the methods compiled. A .NET process compiles its hot
    /// code a second time, optimised, over its first minutes of traffic (tiered compilation: some 26,000 methods and
    /// 23 s of compiler time here before a point lookup settled, on two cores). A deployed API pays that once after it
    /// starts, not for each question; timed during it, the API side ran unoptimised code while the compiler took a
    /// core, and the DuckDB side (a few small methods) did not: cold comparisons measured 2-3x slower than settled.
    /// </summary>
    private static async Task<(double Seconds, long Methods)> WarmUp(
        IReadOnlyList<(string Request, HttpClient Client, bool Pages)> requests)
    {
        var clock = Stopwatch.StartNew();
        var first = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = Stopwatch.StartNew();
        var seen = first;
        for (var round = 0; quiet.Elapsed.TotalSeconds < 10 && clock.Elapsed.TotalMinutes < 5; round++)
        {
            foreach (var (request, client, pages) in requests)
            {
                await Fetch(client, Fresh(request, 2_000_000 + round), pages);
                await Fetch(client, request, pages);
            }
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now - seen > 10)
            {
                seen = now;
                quiet.Restart();
            }
        }
        return (clock.Elapsed.TotalSeconds, System.Runtime.JitInfo.GetCompiledMethodCount() - first);
    }

    /// <summary>$apply with an answer of several pages: before answers were kept, each page re-ran the aggregate.</summary>
    private const string WholeApply = "/odata/HotlineTickets?$apply=groupby((TownshipCode,Category),aggregate($count as Tickets))";

    private static long freshQuestions;

    /// <summary>The request made a question never asked before: a custom query option the API ignores.</summary>
    private static string Fresh(string request, long n) => request + (request.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "bench=" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// GETs the request, and with <paramref name="pages"/> every next page; returns the pages read. Every byte of the
    /// answer is received, as the DuckDB side reads every value into one reused array; the bytes are not gathered into
    /// a growing buffer of the client's, a cost of this client and not of the API.
    /// </summary>
    private static async Task<int> Fetch(HttpClient client, string request, bool pages)
    {
        var count = 0;
        for (string? url = request; url is not null; count++)
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            if (!pages)
            {
                await Drain(response);
                return 1;
            }
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            url = body.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }
        return count;
    }

    /// <summary>
    /// The comparison as a browser asks for it (Accept-Encoding) against the same without: bytes on the wire, cold and
    /// warm times on loopback, interleaved, and what the bytes alone would take on an office link.
    /// </summary>
    private static async Task CompressedAnswers(HttpClient client, string request, int runs, Func<long> next)
    {
        async Task<long> Get(string url, string? coding)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            if (coding is not null)
                message.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            return await Drain(response);
        }
        string?[] codings = [null, "br", "gzip"];
        var bytes = new long[codings.Length];
        for (var i = 0; i < codings.Length; i++)
            bytes[i] = await Get(request, codings[i]);
        var sides = codings.SelectMany(c => new Func<Task>[] { () => Get(Fresh(request, next()), c), () => Get(request, c) }).ToArray();
        var times = await TimeInterleaved(runs, sides);
        Console.WriteLine();
        Console.WriteLine($"The comparison compressed for a client that asks (`{request}`, {runs} runs, interleaved; transfer = bytes at the link's rate, no latency):");
        Console.WriteLine();
        Console.WriteLine("| Accept-Encoding | bytes sent | cold p50 ms | warm p50 ms | transfer at 10 Mbit/s ms | at 100 Mbit/s ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < codings.Length; i++)
        {
            Console.WriteLine($"| {codings[i] ?? "(none)"} | {bytes[i]:N0} | {times[2 * i].P50:0.0} | {times[2 * i + 1].P50:0.0} | "
                + $"{bytes[i] * 8 / 10e6 * 1000:0} | {bytes[i] * 8 / 100e6 * 1000:0.0} |");
        }
    }

    /// <summary>Receives the whole body as sent (compressed, when it was) and returns its length.</summary>
    private static async Task<long> Drain(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
            total += n;
        return total;
    }

    /// <summary>
    /// A copy of the warehouse's current generation (catalog, fact files, salt) in <paramref name="scratch"/>, made by
    /// the ETL's own backup and restore: <c>--during-load</c> publishes a generation into it, never into the warehouse
    /// given (a bench warehouse stays as it was, and the copy is deleted at the end).
    /// </summary>
    private static string CopyWarehouse(string warehouse, string scratch)
    {
        var backup = Path.Combine(scratch, "backup");
        var copy = Path.Combine(scratch, "warehouse", Path.GetFileName(warehouse));
        Console.WriteLine($"--during-load: copying {warehouse} to {copy} (the load writes there, not to the original)");
        Analytics.Etl.Backup.WarehouseBackup.Create(warehouse, backup);
        Analytics.Etl.Backup.WarehouseBackup.Restore(backup, copy);
        Directory.Delete(backup, recursive: true);
        return copy;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>16 connections sending the requests in turn until <paramref name="done"/> says stop; each new with <paramref name="fresh"/>.</summary>
    private static async Task<Rate> Throughput(HttpClient http, string[] requests, Func<bool> done, bool fresh)
    {
        var ok = 0L;
        var errors = new ConcurrentBag<string>();
        var times = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = w; !done(); i++)
            {
                try
                {
                    var request = requests[i % requests.Length];
                    var start = Stopwatch.GetTimestamp();
                    var url = fresh ? Fresh(request, Interlocked.Increment(ref freshQuestions) + 1_000_000) : request;
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    await Drain(response);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                        Interlocked.Increment(ref ok);
                    else
                        errors.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    errors.Add(e.Message);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        return new Rate(ok, clock.Elapsed.TotalSeconds, errors, times);
    }

    /// <summary>
    /// The ETL as its own process, as in production: built first so the build is not part of the load, then run
    /// with <c>--rebuild</c> so it publishes a new generation even when no file changed.
    /// </summary>
    private static Process StartLoad(string source, string warehouse)
    {
        var etl = FindEtlProject();
        var command = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", etl]) { RedirectStandardOutput = true };
        using (var build = Process.Start(command)!)
        {
            build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"building {etl} failed");
        }
        var info = new ProcessStartInfo("dotnet",
            ["run", "-c", "Release", "--no-build", "--project", etl, "--", "load", "--rebuild", "--source", Path.GetFullPath(source), "--warehouse", Path.GetFullPath(warehouse)])
        { RedirectStandardOutput = true };
        var process = Process.Start(info)!;
        // Drain its output (progress bars) so the child never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private static string FindEtlProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "etl", "Analytics.Etl.csproj");
            if (File.Exists(project))
                return project;
        }
        throw new InvalidOperationException("etl/Analytics.Etl.csproj not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs each side <paramref name="runs"/> times, one run of each in turn, starting with a different side each round.</summary>
    private static async Task<(double P50, double P95)[]> TimeInterleaved(int runs, params Func<Task>[] sides)
    {
        var times = sides.Select(_ => new List<double>(runs)).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var j = 0; j < sides.Length; j++)
            {
                var side = (i + j) % sides.Length;
                times[side].Add(await Elapsed(sides[side]));
            }
        }
        return times.Select(t => Percentiles(t)).ToArray();
    }

    /// <summary>The statements a request sent, with the same parameters, every value read as the API reads it.</summary>
    private static Task Replay(DuckDBConnection connection, IReadOnlyList<SqlLog.Statement> statements)
    {
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement.CommandText;
            foreach (var (name, value) in statement.Parameters)
                command.Parameters.Add(new DuckDBParameter(name, value));
            using var reader = command.ExecuteReader();
            // DuckDB.NET converts a value only when it is read: read them all, or the direct side does less work.
            var values = new object[reader.FieldCount];
            while (reader.Read())
                reader.GetValues(values);
        }
        return Task.CompletedTask;
    }

    private static async Task<double> Elapsed(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static (double P50, double P95) Percentiles(List<double> times) => Percentiles(times, 0.95);

    private static (double P50, double High) Percentiles(List<double> times, double high)
    {
        times.Sort();
        return (times[(int)(times.Count * 0.5)], times[Math.Min(times.Count - 1, (int)(times.Count * high))]);
    }

    /// <summary>The county with most tickets, its city, and the latest year.</summary>
    private static async Task<(string Region, string City, string Period)> Pick(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT region_code, any_value(parent_code), max(period) FILTER (period_grain = 'year') FROM measure_values
            WHERE measure_id = 'hotline_tickets' AND region_level = 'county'
            GROUP BY region_code ORDER BY sum(value) DESC LIMIT 1
            """;
        using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    private static async Task<long> TicketCount(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM fact_hotline_ticket";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
