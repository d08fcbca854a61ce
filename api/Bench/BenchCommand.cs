using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Analytics.Api.Warehouse;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Api.Bench;

/// <summary>
/// <c>dotnet run -c Release --project api -- bench [--warehouse PATH] [--runs N] [--seconds S]</c>: latency of
/// representative requests against the same SQL run directly in DuckDB, then throughput at 16 connections on loopback.
/// </summary>
public static class BenchCommand
{
    private const string Key = "bench-admin-key";

    public static async Task<int> Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        var warehouse = options.GetValueOrDefault("warehouse") ?? WarehousePaths.DefaultWarehouse;
        var runs = int.Parse(options.GetValueOrDefault("runs") ?? "50", CultureInfo.InvariantCulture);
        var seconds = int.Parse(options.GetValueOrDefault("seconds") ?? "10", CultureInfo.InvariantCulture);
        var file = new Generations(warehouse).Current() ?? throw new InvalidOperationException($"no warehouse at {warehouse}");

        var builder = WebApplication.CreateBuilder([]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Warehouse:Path"] = warehouse;
        builder.Configuration[ApiSetup.AdminKeyVariable] = Key;
        builder.Configuration["Access:PermitsPerSecond"] = "1000000";
        builder.Configuration["Access:Burst"] = "1000000";
        builder.AddAnalyticsApi();
        var app = builder.Build();
        app.UseAnalyticsApi();
        await app.StartAsync();
        var address = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var log = app.Services.GetRequiredService<SqlLog>();

        var (region, period) = await Pick(file);
        string[] requests =
        [
            $"/api/dashboards/comparison?measure=hotline_response_rate&period={period}&level=township",
            $"/api/dashboards/trend?measure=hotline_resolution_rate&region={region}",
            "/odata/HotlineTickets?$filter=Whistle eq true and ResponseHours gt 24&$select=TicketId,TownshipCode,ReceivedAt&$orderby=ReceivedAt desc&$top=100",
            "/odata/HotlineTickets?$apply=groupby((TownshipCode,Satisfaction),aggregate($count as Tickets))",
        ];

        Console.WriteLine($"warehouse {file} ({new FileInfo(file).Length / 1_048_576} MiB), {await TicketCount(file):N0} tickets, {Environment.ProcessorCount} cores, {runs} runs each");
        Console.WriteLine();
        Console.WriteLine("| request | API p50 ms | API p95 ms | DuckDB p50 ms | DuckDB p95 ms | p50 ratio |");
        Console.WriteLine("|---|---|---|---|---|---|");
        using var direct = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        direct.Open();
        foreach (var request in requests)
        {
            for (var i = 0; i < 3; i++)
                (await http.GetAsync(request)).EnsureSuccessStatusCode();
            log.Clear();
            (await http.GetAsync(request)).EnsureSuccessStatusCode();
            var statements = log.RecentStatements.ToList();
            var api = await Time(runs, async () => (await http.GetAsync(request)).EnsureSuccessStatusCode());
            var sql = await Time(runs, () =>
            {
                foreach (var statement in statements)
                {
                    using var command = direct.CreateCommand();
                    command.CommandText = statement.CommandText;
                    foreach (var (name, value) in statement.Parameters)
                        command.Parameters.Add(new DuckDBParameter(name, value));
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                    }
                }
                return Task.CompletedTask;
            });
            Console.WriteLine($"| `{request}` | {api.P50:0.0} | {api.P95:0.0} | {sql.P50:0.0} | {sql.P95:0.0} | {api.P50 / sql.P50:0.00} |");
        }

        var ok = 0L;
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = w; clock.Elapsed.TotalSeconds < seconds; i++)
            {
                try
                {
                    using var response = await http.GetAsync(requests[i % requests.Length]);
                    if (response.IsSuccessStatusCode)
                        Interlocked.Increment(ref ok);
                    else
                        errors.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                }
                catch (HttpRequestException e)
                {
                    errors.Add(e.Message);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        Console.WriteLine();
        Console.WriteLine($"throughput, 16 connections, {seconds} s, the four requests in turn: {ok / clock.Elapsed.TotalSeconds:0} requests/s, {errors.Count} errors {string.Join(" ", errors.Distinct().Take(5))}");
        await app.StopAsync();
        return errors.IsEmpty ? 0 : 1;
    }

    private static async Task<(double P50, double P95)> Time(int runs, Func<Task> action)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return (times[(int)(runs * 0.5)], times[Math.Min(runs - 1, (int)(runs * 0.95))]);
    }

    private static async Task<(string Region, string Period)> Pick(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT region_code, max(period) FILTER (period_grain = 'year') FROM measure_values
            WHERE measure_id = 'hotline_tickets' AND region_level = 'county'
            GROUP BY region_code ORDER BY sum(value) DESC LIMIT 1
            """;
        using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }

    private static async Task<long> TicketCount(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM fact_hotline_ticket";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
