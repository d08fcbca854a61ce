using System.Diagnostics;
using System.Globalization;
using System.Net;
using Analytics.Etl.Backup;
using Analytics.Etl.Load;
using Analytics.Tests.Api;
using Analytics.Warehouse;
using Sources = Analytics.Tests.Etl.Sources;

namespace Analytics.Tests.Ops;

/// <summary>
/// A backup taken while the API serves, restored elsewhere or in place, answers exactly as the warehouse did; a damaged
/// backup is refused before anything changes.
/// </summary>
public sealed class BackupTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("analytics-backup-").FullName;

    private static readonly string[] Questions =
    [
        "/odata/MeasureValues?$orderby=RegionCode,Period,MeasureId&$top=20",
        "/odata/MeasureValues?$apply=groupby((MeasureId),aggregate(Numerator with sum as N,Denominator with sum as D))",
        "/odata/HotlineTickets/$count",
        "/odata/HotlineTickets?$apply=groupby((TownshipCode),aggregate($count as N))",
        "/api/dashboards/comparison?measure=hotline_resolution_rate&period=2024-02&level=township",
    ];

    private const string Snapshot = "SELECT * FROM measure_values ORDER BY ALL";

    [Fact]
    public async Task A_backup_taken_while_the_api_serves_restores_elsewhere_and_answers_the_same()
    {
        var client = api.Admin();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var served = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.GetAsync(Questions[0]);
                // Two readers in a tight loop outrun the key's rate limit (100/s, burst 200) when a busy machine
                // makes the backup slow: 429 is the limiter, not the backup; anything else is a failure.
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests))
                    Interlocked.Increment(ref failures);
                Interlocked.Increment(ref served);
            }
        })).ToList();
        var backup = Path.Combine(root, "backup");
        var manifest = WarehouseBackup.Create(api.WarehousePath, backup);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.True(served > 0);
        var generations = new Generations(api.WarehousePath);
        Assert.Equal(generations.FilesOf(generations.Current()!)!.Order(), manifest.Facts.Select(f => f.Path["facts/".Length..]).Order());

        var restored = Path.Combine(root, "elsewhere", "warehouse.duckdb");
        WarehouseBackup.Restore(backup, restored);
        using var host = api.With(("Warehouse:Path", restored));
        var restoredClient = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        foreach (var question in Questions)
            Assert.Equal(await Body(client, question), await Body(restoredClient, question));
        Assert.Equal(Rows(api.WarehousePath, Snapshot), Rows(restored, Snapshot));
        Assert.Equal(Rows(api.WarehousePath, "SELECT * FROM fact_hotline_ticket ORDER BY ALL"), Rows(restored, "SELECT * FROM fact_hotline_ticket ORDER BY ALL"));

        // The restored catalog reads its own copy of the facts, not the original's.
        var views = string.Join("\n", Rows(restored, "SELECT sql FROM duckdb_views() WHERE NOT internal"));
        Assert.Contains(new Generations(restored).Facts.Root, views);
        Assert.DoesNotContain(generations.Facts.Root + "/", views);
    }

    [Fact]
    public void Restoring_in_place_undoes_a_later_load_and_the_next_load_carries_on_from_it()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, Tickets("A", "2024-01", 300));
        s.Load();
        var before = Rows(s.Warehouse, Snapshot);
        var backup = Path.Combine(root, "in-place");
        WarehouseBackup.Create(s.Warehouse, backup);

        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, Tickets("B", "2024-02", 400));
        s.Load();
        var after = Rows(s.Warehouse, Snapshot);
        Assert.NotEqual(before, after);

        WarehouseBackup.Restore(backup, s.Warehouse);
        Assert.Equal(before, Rows(s.Warehouse, Snapshot));
        Assert.Equal(300L, s.Query("SELECT count(*) FROM fact_hotline_ticket")[0][0]);

        // The restored generation is an ordinary one: the next load reads the February file again and gets back to `after`.
        var result = s.Load();
        Assert.True(result.Published);
        Assert.Equal(after, Rows(s.Warehouse, Snapshot));
    }

    [Fact]
    public void A_damaged_backup_is_refused_naming_the_file_and_the_warehouse_is_unchanged()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, Tickets("A", "2024-01", 300));
        s.Load();
        var backup = Path.Combine(root, "damaged");
        Assert.Equal(0, Etl("backup", "--to", backup, "--warehouse", s.Warehouse).ExitCode);
        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, Tickets("B", "2024-02", 400));
        s.Load();
        var current = new Generations(s.Warehouse).Current();
        var snapshot = Rows(s.Warehouse, Snapshot);

        var part = Directory.GetFiles(Path.Combine(backup, "facts"), "*.parquet", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(part);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(part, bytes);
        var (code, error) = Etl("restore", "--from", backup, "--warehouse", s.Warehouse);
        Assert.Equal(1, code);
        Assert.Contains(Path.GetRelativePath(backup, part).Replace('\\', '/'), error);
        Assert.Contains("damaged", error);
        Assert.Equal(current, new Generations(s.Warehouse).Current());
        Assert.Equal(snapshot, Rows(s.Warehouse, Snapshot));

        // An unfinished backup (no backup.json) is not taken for one either.
        File.Delete(Path.Combine(backup, BackupManifest.FileName));
        Assert.Throws<BackupException>(() => WarehouseBackup.Restore(backup, s.Warehouse));
    }

    [Fact]
    public void A_backup_waits_for_no_load_it_refuses_while_one_holds_the_warehouse()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, Tickets("A", "2024-01", 50));
        s.Load();
        using (Loader.LockWarehouse(new Generations(s.Warehouse)))
        {
            var e = Assert.Throws<BackupException>(() => WarehouseBackup.Create(s.Warehouse, Path.Combine(root, "locked")));
            Assert.Contains("a load is running", e.Message);
        }
        Assert.False(Directory.Exists(Path.Combine(root, "locked")));
    }

    private static async Task<string> Body(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static List<string> Rows(string warehouse, string sql) =>
        Sources.Query(warehouse, sql).Select(r => string.Join('|', r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();

    internal static (int ExitCode, string Error) Etl(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.Etl.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        return (process.ExitCode, error);
    }

    internal static IEnumerable<string> Tickets(string prefix, string month, int n) =>
        Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{i},{month}-{1 + i % 28:00} 09:00:00,张三,13800001111,内容,市政,610323101000,{month}-{1 + i % 28:00} 10:00:00,{month}-{1 + i % 28:00} 11:00:00,,{(i % 3 == 0 ? "未解决" : "已解决")},满意,否,"));

    public void Dispose() => Directory.Delete(root, recursive: true);
}
