using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl;

/// <summary>
/// kill -9 at any moment of a load changes nothing a reader sees, and the next load cleans up after it. The load runs
/// as its own process (the etl command), killed after different delays so the kill lands in different steps.
/// </summary>
public sealed class KilledLoadTests
{
    [Fact]
    public void A_load_killed_at_any_moment_changes_nothing_and_the_next_load_cleans_up()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, Tickets("A", "2024-01", 2000));
        s.Load();
        var generations = new Generations(s.Warehouse);
        var before = generations.Current()!;
        var tickets = s.Scalar("SELECT count(*) FROM fact_hotline_ticket");
        for (var month = 2; month <= 6; month++)
            s.Csv($"cases/hotline_2024{month:00}.csv", Sources.TicketHeader, Tickets("M" + month, $"2024-{month:00}", 20000));

        var killedInside = 0;
        foreach (var delay in new[] { 300, 700, 1200, 2000, 3000, 4500 })
        {
            using (var load = Start(s))
            {
                Thread.Sleep(delay);
                if (!load.HasExited)
                {
                    load.Kill();
                    killedInside++;
                }
                load.WaitForExit();
            }
            // Whatever the moment, readers see the last published generation (or, if the load won the race, the new one).
            var current = generations.Current()!;
            Assert.True(current == before || s.Scalar("SELECT count(*) FROM fact_hotline_ticket") is > 2000L);
            if (current != before)
                break;
            Assert.Equal(tickets, s.Scalar("SELECT count(*) FROM fact_hotline_ticket"));
        }
        Assert.True(killedInside > 0, "no load was killed while running: the loads are too small for this machine");

        var result = new Loader(new LoadOptions(s.Source, s.Warehouse) { KeepGenerations = 1, RetainFor = TimeSpan.Zero }).Run();
        Assert.Equal(2000L + 5 * 20000L, s.Scalar("SELECT count(*) FROM fact_hotline_ticket"));
        Assert.Empty(Directory.GetFiles(generations.Folder, "*.partial*"));
        Assert.Equal(File.ReadAllLines(generations.Current() + ".parts").Order(), generations.Facts.Files().Order());
        Assert.True(result.Published || generations.Current() != before);
    }

    private static Process Start(Sources s)
    {
        var etl = Path.Combine(AppContext.BaseDirectory, "Analytics.Etl.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { etl, "load", "--source", s.Source, "--warehouse", s.Warehouse })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static IEnumerable<string> Tickets(string prefix, string month, int n) =>
        Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{i},{month}-{1 + i % 28:00} 09:00:00,张三,13800001111,内容,市政,610323101000,{month}-{1 + i % 28:00} 10:00:00,{month}-{1 + i % 28:00} 11:00:00,,已解决,满意,否,"));
}
