using System.Collections.Concurrent;
using System.Diagnostics;
using Analytics.Etl.Inbox;
using Analytics.Etl.Load;
using Analytics.Warehouse;
using Analytics.Warehouse.Operations;
using Sources = Analytics.Tests.Etl.Sources;

namespace Analytics.Tests.Ops;

/// <summary>The scheduled load: loads what arrives in the inbox, journals failures, and a failed or stopped load changes nothing.</summary>
public sealed class InboxTests : IDisposable
{
    private readonly Sources s = new();
    private readonly ConcurrentQueue<string> output = new();

    [Fact]
    public void A_failed_load_is_journalled_naming_the_file_and_changes_nothing()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 120));
        Assert.Equal("committed", Inbox().LoadOnce());
        var current = new Generations(s.Warehouse).Current();
        var values = s.Query("SELECT * FROM measure_values ORDER BY ALL").Count;
        s.Csv("cases/hotline_202402.csv", "工单编号,来电时间", ["B1,2024-02-01 09:00:00"]);

        Assert.Equal("failed", Inbox().LoadOnce());
        Assert.Equal(current, new Generations(s.Warehouse).Current());
        Assert.Equal(values, s.Query("SELECT * FROM measure_values ORDER BY ALL").Count);
        var journal = new LoadJournal(s.Warehouse).Read();
        Assert.Equal([LoadAttempt.Committed, LoadAttempt.Failed], journal.Select(a => a.Outcome));
        Assert.Contains("hotline_202402.csv", journal[^1].Error);
        // The data page's reason: in Chinese, with the file and the missing columns, and the header's cells named.
        var problem = journal[^1].Problem!;
        Assert.Equal("cases/hotline_202402.csv", problem.File);
        Assert.StartsWith("表头缺少必需的列", problem.Reason);
        Assert.Contains("找到的已知列：工单编号, 来电时间", problem.Reason);
        Assert.Contains("承办单位代码", problem.Column);
        Assert.Equal(120 + Sources.Regions.Length, journal[0].RowsLoaded);
        // Nothing changed in the inbox: the next look loads nothing and journals nothing.
        File.Delete(Path.Combine(s.Source, "cases", "hotline_202402.csv"));
        Assert.Equal("unchanged", Inbox().LoadOnce());
        Assert.Equal(2, new LoadJournal(s.Warehouse).Read().Count);
    }

    [Fact]
    public void Watching_the_inbox_loads_a_new_export_and_SIGTERM_ends_the_watch()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 80));
        using var watch = Etl("inbox", "--source", s.Source, "--warehouse", s.Warehouse, "--watch", "--interval", "1", "--settle", "1");
        Assert.True(Eventually(() => new LoadJournal(s.Warehouse).Read().Count == 1), "the first load was not journalled");
        var first = new Generations(s.Warehouse).Current();
        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, BackupTests.Tickets("B", "2024-02", 90));
        Assert.True(Eventually(() => new LoadJournal(s.Warehouse).Read().Count == 2), "the new export was not loaded");
        Assert.NotEqual(first, new Generations(s.Warehouse).Current());
        Assert.Equal(170L, s.Query("SELECT count(*) FROM fact_hotline_ticket")[0][0]);

        Signal(watch);
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(20)), "the watch did not stop on SIGTERM");
        Assert.Equal(0, watch.ExitCode);
    }

    [Fact]
    public void A_load_stopped_by_SIGTERM_changes_nothing_and_says_so_in_the_journal()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 100));
        s.Load();
        var before = new Generations(s.Warehouse).Current();
        var tickets = s.Query("SELECT count(*) FROM fact_hotline_ticket")[0][0];
        // Enough rows that the load is still running half a second after it begins (a chunk of five files of 30,000
        // took under that once the chunk's parts were written by one statement).
        for (var month = 2; month <= 12; month++)
            s.Csv($"cases/hotline_2024{month:00}.csv", Sources.TicketHeader, BackupTests.Tickets("M" + month, $"2024-{month:00}", 30000));

        using var load = Etl("inbox", "--source", s.Source, "--warehouse", s.Warehouse, "--settle", "0");
        Assert.True(Eventually(() => output.Any(l => l.StartsWith("inbox: loading", StringComparison.Ordinal)) || load.HasExited),
            "the load did not begin");
        Thread.Sleep(500);
        Assert.False(load.HasExited, "the load finished before SIGTERM could be sent:\n" + string.Join('\n', output));
        Signal(load);
        Assert.True(load.WaitForExit(TimeSpan.FromSeconds(60)), "the load did not stop within 60 s of SIGTERM");
        load.WaitForExit();

        var journal = new LoadJournal(s.Warehouse).Read();
        Assert.True(journal.Count == 1 && journal[0].Outcome == LoadAttempt.Stopped, string.Join('\n', output));
        Assert.Equal(0, load.ExitCode);
        Assert.Contains("SIGTERM", journal[0].Error);
        Assert.Contains("加载被停止", journal[0].Problem!.Reason);
        Assert.Equal(before, new Generations(s.Warehouse).Current());
        Assert.Equal(tickets, s.Query("SELECT count(*) FROM fact_hotline_ticket")[0][0]);
        Assert.Empty(Directory.GetFiles(new Generations(s.Warehouse).Folder, "*.partial*"));
        // The next load loads everything.
        new Loader(new LoadOptions(s.Source, s.Warehouse) { KeepGenerations = 1, RetainFor = TimeSpan.Zero }).Run();
        Assert.Equal(100L + 11 * 30000L, s.Query("SELECT count(*) FROM fact_hotline_ticket")[0][0]);
    }

    private InboxLoads Inbox() => new(new LoadOptions(s.Source, s.Warehouse), TimeSpan.Zero, TextWriter.Null);

    private Process Etl(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.Etl.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Signal(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static bool Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            Thread.Sleep(250);
        }
        return false;
    }

    public void Dispose() => s.Dispose();
}
