using Analytics.Etl;
using Analytics.Etl.Load;

namespace Analytics.Tests.Etl;

/// <summary>The command a reform office runs: exit code 0 only when the run committed.</summary>
public sealed class LoadCommandTests
{
    private const string Ticket = "T1,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";

    [Fact]
    public void Exit_code_is_zero_when_the_run_committed_and_one_when_a_file_cannot_be_read()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket]);

        Assert.Equal(0, Cli.Run(["load", "--source", s.Source, "--warehouse", s.Warehouse]));
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));

        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader.Replace("派单时间", "派单"), [Ticket.Replace("T1", "T2")]);
        Assert.Equal(1, Cli.Run(["load", "--source", s.Source, "--warehouse", s.Warehouse]));
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));

        Assert.Equal(1, Cli.Run(["load", "--source", Path.Combine(s.Root, "missing"), "--warehouse", s.Warehouse]));
    }

    [Fact]
    public void A_second_load_into_the_same_warehouse_fails_at_once_while_the_first_runs()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Ticket]);
        LoadException? second = null;

        s.Load(afterFile: _ => second ??= Assert.Throws<LoadException>(() => s.Load()));

        Assert.NotNull(second);
        Assert.Contains("another load is running", second.Problem);
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
        Assert.Equal(FileStatus.Unchanged, s.Load().Files.Single(f => f.Family == "hotline_tickets").Status);
    }
}
