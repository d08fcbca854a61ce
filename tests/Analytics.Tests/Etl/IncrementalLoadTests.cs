using System.Globalization;
using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl;

/// <summary>
/// A warehouse built by many small loads (files added, corrected, removed, regions changed) is the same, table for
/// table, as one built by a single load of the final files: the incremental path recomputes exactly what changed.
/// </summary>
public sealed class IncrementalLoadTests
{
    private static readonly string[] Months = ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"];
    private static readonly string[] Townships = ["610323101000", "610323102000", "610323001000", "610323103000"];

    /// <summary>What a user can see, each as sorted text rows; bookkeeping of when and by which run is left out.</summary>
    private static readonly string[] Compared =
    [
        "SELECT * FROM measure_values",
        "SELECT * FROM fact_hotline_ticket",
        "SELECT * FROM fact_enforcement_case",
        "SELECT * FROM fact_institution_reform",
        "SELECT * FROM stg_regions",
        "SELECT * EXCLUDE (run_id) FROM quarantine",
        "SELECT * FROM reconciliation",
        "SELECT * FROM dim_period",
        "SELECT file_path, family, sha256, rows_read, rows_loaded, rows_rejected FROM etl_files",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Loading_a_random_sequence_of_changes_one_at_a_time_equals_one_full_load_of_the_final_files(int seed)
    {
        var random = new Random(seed);
        using var incremental = new Sources();
        incremental.Csv("regions.csv", Sources.RegionHeader, RegionsVersion(0));
        for (var step = 0; step < 9; step++)
        {
            Change(incremental, random, step);
            new Loader(new LoadOptions(incremental.Source, incremental.Warehouse) { Prune = true, RetainFor = TimeSpan.Zero }).Run();
        }

        using var full = new Sources(withRegions: false);
        CopyFolder(incremental.Source, full.Source);
        Assert.True(full.Load().Published);

        foreach (var sql in Compared)
            Assert.Equal(Rows(full, sql), Rows(incremental, sql));
        // Not trivially equal: the sequence really left tickets and rejected rows behind.
        Assert.NotEmpty(Rows(full, "SELECT * FROM fact_hotline_ticket"));
        Assert.NotEmpty(Rows(full, "SELECT * FROM quarantine"));
    }

    [Theory]
    [InlineData("UPDATE settings SET value = 'duckdb-tables-1' WHERE key = 'layout'")]
    [InlineData("DROP TABLE settings")]
    public void A_catalog_of_another_layout_is_not_reused_the_load_reads_every_file_again(string older)
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, [Ticket("T1", "2024-01", 0)]);
        s.Load();
        Assert.Equal(FileStatus.Unchanged, s.Load().Files.Single(f => f.Family == "hotline_tickets").Status);
        var catalog = new Generations(s.Warehouse).Current()!;
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={catalog}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = older;
            command.ExecuteNonQuery();
        }

        var result = s.Load();

        Assert.True(result.Published);
        Assert.Equal(FileStatus.Loaded, result.Files.Single(f => f.Family == "hotline_tickets").Status);
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
        Assert.Equal("parquet-1", s.Scalar("SELECT value FROM settings WHERE key = 'layout'"));
    }

    [Fact]
    public void A_file_held_back_as_duplicates_of_a_later_loaded_earlier_file_is_judged_again()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, [Ticket("T1", "2024-02", 0), Ticket("T2", "2024-02", 1)]);
        s.Load();
        // A file that sorts earlier arrives with T1: it is now the first T1, and 202402's T1 becomes the duplicate.
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, [Ticket("T1", "2024-01", 2)]);
        var result = s.Load();

        Assert.Equal(FileStatus.Rejudged, result.Files.Single(f => f.File == "cases/hotline_202402.csv").Status);
        Assert.Equal(["cases/hotline_202401.csv"], s.Query("SELECT _file FROM stg_hotline_tickets WHERE ticket_id = 'T1'").Select(r => (string)r[0]!));
        Assert.Equal("duplicate of cases/hotline_202401.csv row 2",
            s.Scalar("SELECT reason FROM quarantine WHERE file_path = 'cases/hotline_202402.csv'"));

        // And when that earlier file goes (--prune), the held-back row comes back.
        File.Delete(Path.Combine(s.Source, "cases/hotline_202401.csv"));
        new Loader(new LoadOptions(s.Source, s.Warehouse) { Prune = true }).Run();
        Assert.Equal(["cases/hotline_202402.csv"], s.Query("SELECT _file FROM stg_hotline_tickets WHERE ticket_id = 'T1'").Select(r => (string)r[0]!));
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public void A_removed_file_keeps_its_rows_unless_the_load_prunes()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, [Ticket("T1", "2024-01", 0)]);
        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, [Ticket("T2", "2024-02", 0)]);
        s.Load();
        File.Delete(Path.Combine(s.Source, "cases/hotline_202401.csv"));

        var kept = s.Load();
        Assert.Equal(FileStatus.Kept, kept.Files.Single(f => f.File == "cases/hotline_202401.csv").Status);
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM fact_hotline_ticket"));

        var pruned = new Loader(new LoadOptions(s.Source, s.Warehouse) { Prune = true }).Run();
        Assert.Equal(FileStatus.Removed, pruned.Files.Single(f => f.File == "cases/hotline_202401.csv").Status);
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM fact_hotline_ticket"));
        Assert.Null(s.Scalar("SELECT sum(numerator) FROM measure_values WHERE measure_id = 'hotline_tickets' AND period = '2024-01'"));
    }

    [Fact]
    public void A_new_region_revalidates_rows_that_named_it()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, [Ticket("T1", "2024-01", 0, "610323103000")]);
        s.Load();
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM quarantine WHERE column_name = '承办单位代码'"));

        s.Csv("regions.csv", Sources.RegionHeader, RegionsVersion(1));
        var result = s.Load();

        Assert.Equal(FileStatus.Rejudged, result.Files.Single(f => f.File == "cases/hotline_202401.csv").Status);
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM quarantine"));
        Assert.Equal(1L, s.Scalar("SELECT numerator FROM measure_values WHERE measure_id = 'hotline_tickets' AND region_code = '610323103000' AND period = '2024-01'"));
    }

    [Fact]
    public void A_killed_load_leaves_nothing_a_later_load_mistakes_for_data()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, [Ticket("T1", "2024-01", 0)]);
        s.Load();
        var generations = new Generations(s.Warehouse);
        // What kill -9 or a full disk leaves: a partial catalog, its WAL, and Parquet parts no generation lists.
        File.WriteAllText(Path.Combine(generations.Folder, "29990101T000000000-1.duckdb.partial"), "half a file");
        File.WriteAllText(Path.Combine(generations.Folder, "29990101T000000000-1.duckdb.partial.wal"), "half a log");
        Directory.CreateDirectory(generations.Facts.FullPath("stg_hotline_tickets/month=2024-01-01"));
        File.WriteAllText(generations.Facts.FullPath("stg_hotline_tickets/month=2024-01-01/orphan_0.parquet"), "PAR1 cut");

        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, [Ticket("T2", "2024-02", 0)]);
        Assert.True(new Loader(new LoadOptions(s.Source, s.Warehouse) { KeepGenerations = 1, RetainFor = TimeSpan.Zero }).Run().Published);

        Assert.Equal([generations.Current()!], generations.Published());
        Assert.Empty(Directory.GetFiles(generations.Folder, "*.partial*"));
        Assert.Equal(File.ReadAllLines(generations.Current() + ".parts").Order(), generations.Facts.Files().Order());
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM fact_hotline_ticket"));
    }

    private static void Change(Sources s, Random random, int step)
    {
        switch (random.Next(6))
        {
            case 0 when step > 0:
                s.Csv("regions.csv", Sources.RegionHeader, RegionsVersion(random.Next(2)));
                break;
            case 1:
                Directory.CreateDirectory(Path.Combine(s.Source, "cases"));
                var existing = Directory.GetFiles(Path.Combine(s.Source, "cases"), "hotline_*");
                if (existing.Length > 1)
                {
                    File.Delete(existing[random.Next(existing.Length)]);
                    break;
                }
                goto default;
            case 2:
                s.Csv($"cases/enforcement_{2023 + random.Next(2)}.csv", Sources.CaseHeader,
                    Enumerable.Range(0, 3 + random.Next(4)).Select(i =>
                        $"C{random.Next(12)},{Townships[random.Next(Townships.Length)]},市场监管,{2023 + random.Next(2)}-{1 + random.Next(12):00}-1{random.Next(10)},,{(random.Next(2) == 0 ? "是" : "否")},{random.Next(1, 9)},处罚,100,否"));
                break;
            case 3:
                s.Xlsx("reform/institutions_test.xlsx", Sources.ReformHeader,
                    ("岐山县", [["610323101000", new DateTime(2023, 12, 1 + random.Next(28)), "模式", 20, 10 + random.Next(5), 8, 6, 10, 5]]));
                break;
            default:
                var month = Months[random.Next(Months.Length)];
                s.Csv($"cases/hotline_{month.Replace("-", "")}.csv", Sources.TicketHeader,
                    Enumerable.Range(0, 4 + random.Next(8)).Select(i => Ticket($"T{random.Next(40)}", month, random.Next(1000),
                        Townships[random.Next(Townships.Length)])).Append(BadTicket(month)));
                break;
        }
    }

    private static string[] RegionsVersion(int version) =>
        version == 0 ? Sources.Regions : [.. Sources.Regions, "610323103000,京当镇,乡镇,镇,610323000000,20000,60,否,否"];

    private static string Ticket(string id, string month, int variant, string township = "610323101000")
    {
        var day = 1 + variant % 27;
        var response = variant % 3 == 0 ? "2" : "1";
        string[] resolved = ["已解决", "未解决", "未回访"];
        string[] satisfied = ["满意", "基本满意", "不满意", "未回访"];
        return string.Create(CultureInfo.InvariantCulture,
            $"{id},{month}-{day:00} 09:00:00,张三,13800001111,内容,市政,{township},{month}-{day:00} 10:00:00,{month}-{day:00} 1{response}:00:00,,{resolved[variant % 3]},{satisfied[variant % 4]},{(variant % 5 == 0 ? "是" : "否")},");
    }

    private static string BadTicket(string month) => $"BAD{month},{month}-01 09:00:00,张三,13800001111,内容,市政,610323101000,{month}-01 08:00:00,,,已解决,满意,否,";

    private static List<string> Rows(Sources s, string sql) =>
        s.Query(sql).Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal).ToList();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
