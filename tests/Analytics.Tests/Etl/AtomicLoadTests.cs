using Analytics.Etl.Load;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Tests.Etl;

/// <summary>A run is visible whole or not at all, loading again adds nothing, and a corrected file replaces its rows.</summary>
public sealed class AtomicLoadTests
{
    private static string Ticket(string id, string township = "610323101000", string month = "2024-07") =>
        $"{id},{month}-01 09:00:00,张三,13800001111,内容,市政,{township},{month}-01 10:00:00,{month}-01 11:00:00,,已解决,满意,否,";

    [Fact]
    public void A_run_that_fails_half_way_leaves_the_warehouse_exactly_as_it_was()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1"), Ticket("T2")]);
        s.Load();
        var generations = new Generations(s.Warehouse);
        var before = generations.Current();
        var bytesBefore = File.ReadAllBytes(before!);

        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1")]);
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader, [Ticket("T3", month: "2024-08")]);
        var e = Assert.Throws<IOException>(() => s.Load(afterFile: f =>
        {
            if (f.RelativePath == "cases/hotline_202407.csv")
                throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", e.Message);
        Assert.Equal(before, generations.Current());
        Assert.Equal(bytesBefore, File.ReadAllBytes(before!));
        Assert.Equal([before!], generations.Published());
        Assert.Empty(Directory.GetFiles(generations.Folder, "*.partial*"));
        // Nothing the failed run wrote stays in the fact store: only the parts the current generation lists.
        Assert.Equal(File.ReadAllLines(before + ".parts").Order(), generations.Facts.Files().Order());
        Assert.Equal(["T1", "T2"], s.Query("SELECT ticket_id FROM stg_hotline_tickets ORDER BY 1").Select(r => (string)r[0]!));
    }

    [Fact]
    public void A_failed_first_run_leaves_no_warehouse()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader.Replace("来电时间", "时间"), [Ticket("T1")]);

        Assert.Throws<LoadException>(() => s.Load());

        Assert.False(File.Exists(s.Warehouse));
        Assert.Empty(Directory.GetFiles(new Generations(s.Warehouse).Folder));
    }

    [Fact]
    public void Loading_the_same_files_again_adds_nothing()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1"), Ticket("T2")]);
        s.Load();
        var generation = new Generations(s.Warehouse).Current();

        var again = s.Load();

        Assert.False(again.Published);
        Assert.All(again.Files, f => Assert.Equal(FileStatus.Unchanged, f.Status));
        Assert.Equal(generation, new Generations(s.Warehouse).Current());
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));

        var rebuilt = s.Load(rebuild: true);

        Assert.True(rebuilt.Published);
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
        Assert.Equal(2L, s.Scalar("SELECT CAST(value AS BIGINT) FROM measure_values WHERE measure_id = 'hotline_tickets' AND region_code = '610000000000' AND period = '2024'"));
    }

    [Fact]
    public void A_corrected_file_replaces_what_its_earlier_version_loaded()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1"), Ticket("T2"), Ticket("T3").Replace("满意", "很好")]);
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader, [Ticket("T9", month: "2024-08")]);
        s.Load();
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM quarantine"));

        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1", township: "610323102000"), Ticket("T3")]);
        var result = s.Load();

        Assert.Equal(FileStatus.Replaced, result.Files.Single(f => f.File == "cases/hotline_202407.csv").Status);
        Assert.Equal(FileStatus.Unchanged, result.Files.Single(f => f.File == "cases/hotline_202408.csv").Status);
        Assert.Equal(["T1|610323102000", "T3|610323101000", "T9|610323101000"],
            s.Query("SELECT ticket_id || '|' || township_code FROM stg_hotline_tickets ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM quarantine"));
        Assert.Equal(1L, s.Scalar("SELECT CAST(value AS BIGINT) FROM measure_values WHERE measure_id = 'hotline_tickets' AND region_code = '610323102000' AND period = '2024-07'"));
    }

    [Fact]
    public void A_reader_holding_the_old_generation_keeps_reading_it_while_a_load_publishes_a_new_one()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket("T1")]);
        s.Load();
        var old = new Generations(s.Warehouse).Current()!;
        using var reader = new DuckDBConnection($"Data Source={old};ACCESS_MODE=READ_ONLY");
        reader.Open();

        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader, [Ticket("T2", month: "2024-08")]);
        s.Load();

        using var command = reader.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stg_hotline_tickets";
        Assert.Equal(1L, command.ExecuteScalar());
        Assert.NotEqual(old, new Generations(s.Warehouse).Current());
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
    }
}
