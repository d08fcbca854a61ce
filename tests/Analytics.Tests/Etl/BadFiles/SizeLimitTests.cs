using System.Text;
using Analytics.Etl;
using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl.BadFiles;

/// <summary>Size limits: what is kept of a huge value is cut and says so; a huge file or line fails naming file and limit.</summary>
public sealed class SizeLimitTests
{
    private const string Case = "C0,610323101000,市场监管,2024-07-03,,否,2,处罚,10,否";

    private static string Ticket(int i) =>
        $"T{i:D6},2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";

    [Fact]
    public void A_huge_value_is_cut_in_quarantine_and_reason_saying_how_long_it_was()
    {
        using var s = new Sources();
        var huge = new string('罚', 50_000);
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
        [
            Case,
            Case.Replace("C0", "C1").Replace("市场监管", huge).Replace(",2,", ",-2,"),
            Case.Replace("C0", "C2").Replace(",处罚,", $",{huge},"),
            Case.Replace("C0", "C3") + "," + huge,
        ]);

        s.Load(o => o with { MaxShownChars = 100 });

        var q = s.Query("SELECT row_number, reason, raw_text FROM quarantine ORDER BY row_number");
        Assert.Equal(3, q.Count);
        Assert.All(q, r => Assert.True(((string)r[1]!).Length < 300 && ((string?)r[2] ?? "").Length < 1500, $"row {r[0]} kept too much"));
        Assert.Contains("…(截断, 原长 150000 字节)", (string)q[0][2]!);
        Assert.Contains("…(截断, 原长 150000 字节)", (string)q[1][2]!);
        Assert.Contains("…(截断, 原长 ", (string)q[1][1]!);
        Assert.StartsWith("处置结果 '罚罚", (string)q[1][1]!);
        Assert.Contains("…(截断, 原长 ", (string)q[2][2]!);
    }

    [Fact]
    public void A_line_over_the_limit_fails_its_file_naming_file_and_limit()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader, [Case, Case.Replace("市场监管", new string('x', 20_000))]);

        var e = Assert.Throws<LoadException>(() => s.Load(o => o with { MaxLineBytes = 10_000 }));

        Assert.Equal("cases/enforcement_2024.csv", e.File);
        Assert.Contains("line 3 is longer than 10,000 bytes", e.Problem);
        Assert.Contains("--max-line-bytes", e.Problem);
        Assert.DoesNotContain("xxxx", e.Message);
        Assert.Null(new Generations(s.Warehouse).Current());
    }

    [Fact]
    public void A_gzip_holding_one_endless_line_fails_before_anything_is_read_into_the_warehouse()
    {
        using var s = new Sources();
        s.Write("cases/hotline_202407.csv.gz", TruncatedGzipTests.Gzip(Encoding.UTF8.GetBytes(Sources.TicketHeader + new string('9', 3_000_000))));

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/hotline_202407.csv.gz", e.File);
        Assert.Contains("line 1 is longer than 1,048,576 bytes", e.Problem);
    }

    [Fact]
    public void An_unclosed_quote_cannot_swallow_the_file_into_one_record()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
            [Case, "C1,610323101000,\"市场监管,2024-07-03,,否,2,处罚,10,否", .. Enumerable.Range(2, 2000).Select(i => Case.Replace("C0", $"C{i}"))]);

        var e = Assert.Throws<LoadException>(() => s.Load(o => o with { MaxLineBytes = 10_000 }));

        Assert.Equal("cases/enforcement_2024.csv", e.File);
        Assert.Contains("record starting at line 3", e.Problem);
    }

    [Fact]
    public void An_unclosed_quote_within_the_limit_fails_the_file_rather_than_hiding_its_rows_in_one_bad_row()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
            [Case, "C1,610323101000,\"市场监管,2024-07-03,,否,2,处罚,10,否", .. Enumerable.Range(2, 200).Select(i => Case.Replace("C0", $"C{i}"))]);

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/enforcement_2024.csv", e.File);
        Assert.Contains("a quote opened in the record starting at line 3 is never closed", e.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_gzip_bomb_fails_on_its_line_or_byte_limit_naming_the_file(bool lines)
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202406.csv", Sources.TicketHeader, [Ticket(0)]);
        s.Load();
        var before = new Generations(s.Warehouse).Current();
        s.Write("cases/hotline_202407.csv.gz", TruncatedGzipTests.Gzip(Encoding.UTF8.GetBytes(
            Sources.TicketHeader + "\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => Ticket(i) + "\n")))));

        var e = Assert.Throws<LoadException>(() => s.Load(o => lines ? o with { MaxFileLines = 10_000 } : o with { MaxFileBytes = 1_000_000 }));

        Assert.Equal("cases/hotline_202407.csv.gz", e.File);
        Assert.Contains(lines ? "more than 10,000 lines, the limit per file (--max-file-lines)" : "more than 1,000,000 bytes of text, the limit per file (--max-file-bytes)", e.Problem);
        Assert.Equal(before, new Generations(s.Warehouse).Current());
    }

    [Fact]
    public void The_limits_are_command_line_options()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader, Enumerable.Range(0, 30).Select(i => Case.Replace("C0", $"C{i}")));
        string[] load = ["load", "--source", s.Source, "--warehouse", s.Warehouse];

        Assert.Equal(1, Cli.Run([.. load, "--max-file-lines", "30"]));
        Assert.Equal(2, Cli.Run([.. load, "--max-line-bytes", "many"]));
        Assert.Equal(0, Cli.Run([.. load, "--earliest-date", "2025-01-01", "--max-file-lines", "31"]));
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM stg_enforcement_cases"));
        Assert.Equal(30L, s.Scalar("SELECT count(*) FROM quarantine WHERE reason LIKE '%before 2025-01-01%'"));
    }
}
