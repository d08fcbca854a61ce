namespace Analytics.Tests.Etl.BadFiles;

/// <summary>Every line-ending convention loads the same rows; none of them loses a file quietly.</summary>
public sealed class LineEndingTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Tickets_load_whatever_the_line_ending(string newline)
    {
        using var s = new Sources();
        string[] rows =
        [
            "T1,2024-07-03 14:05:00,张三,13800001111,\"两行" + newline + "内容\",市政,610323101000,2024-07-03 15:00:00,,,已解决,满意,否,",
            "T2,2024-07-05 09:00:00,李四,13900002222,内容,环境,610323102000,2024-07-05 10:00:00,,,未回访,未回访,是,",
            "T3,2024-07-05 09:00:00,李四,13900002222,内容,环境,610323102000,2024-07-05 10:00:00,,,未回访,很好,是,",
        ];
        s.Write("cases/hotline_202407.csv", System.Text.Encoding.UTF8.GetBytes(Sources.TicketHeader + newline + string.Join(newline, rows) + newline));

        var file = Assert.Single(s.Load().Files, f => f.Family == "hotline_tickets");

        Assert.Equal((3L, 2L, 1L), (file.Read, file.Loaded, file.Rejected));
        Assert.Equal(["T1", "T2"], s.Query("SELECT ticket_id FROM stg_hotline_tickets ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal([4L, "满意度"], s.Query("SELECT row_number, column_name FROM quarantine").Single());
    }

    [Fact]
    public void Enforcement_cases_with_old_mac_line_ends_load_too()
    {
        using var s = new Sources();
        s.Write("cases/enforcement_2024.csv", System.Text.Encoding.UTF8.GetBytes(
            Sources.CaseHeader + "\rC1,610323101000,市场监管,2024-07-03,,否,2,处罚,10,否\rC2,610323101000,市场监管,2024-07-03,,否,2,处罚,10,否"));

        Assert.Equal(2, Assert.Single(s.Load().Files, f => f.Family == "enforcement_cases").Loaded);
    }
}
