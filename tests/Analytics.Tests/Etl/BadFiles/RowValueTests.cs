using Analytics.Etl.Load;

namespace Analytics.Tests.Etl.BadFiles;

/// <summary>Out-of-range numbers, implausible dates and NUL bytes are bad rows: quarantined with file, row, column, reason.</summary>
public sealed class RowValueTests
{
    private const string Case = "C0,610323101000,市场监管,2024-07-03,,否,2,处罚,10,否";

    [Fact]
    public void Out_of_range_numbers_are_quarantined_and_the_rest_loads()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
        [
            Case,
            "C1,610323101000,市场监管,2024-07-03,,否,2,处罚,1e308,否",
            "C2,610323101000,市场监管,2024-07-03,,否,2,处罚,1e17,否",
            "C3,610323101000,市场监管,2024-07-03,,否,2,处罚,NaN,否",
            "C4,610323101000,市场监管,2024-07-03,,否,2,处罚,inf,否",
            "C5,610323101000,市场监管,2024-07-03,,否,3000000000,处罚,10,否",
            "C6,610323101000,市场监管,2024-07-03,,否,99999999999999999999,处罚,10,否",
            "C7,610323101000,市场监管,2024-07-03,,否,2,处罚,999999999999.99,否",
        ]);

        var file = Assert.Single(s.Load().Files, f => f.Family == "enforcement_cases");

        Assert.Equal((8L, 2L, 6L), (file.Read, file.Loaded, file.Rejected));
        var q = s.Query("SELECT file_path, row_number, column_name, reason FROM quarantine ORDER BY row_number");
        Assert.All(q, r => Assert.Equal("cases/enforcement_2024.csv", r[0]));
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L], q.Select(r => (long)r[1]!));
        Assert.Equal(["罚没金额(元)", "罚没金额(元)", "罚没金额(元)", "罚没金额(元)", "出动人员", "出动人员"], q.Select(r => (string)r[2]!));
        Assert.Equal("罚没金额(元) '1e308' is out of range (a finite number of at most 9999999999999999.99)", q[0][3]);
        Assert.Contains("'NaN' is out of range", (string)q[2][3]!);
        Assert.Equal("出动人员 '3000000000' is out of range (a whole number of at most 2147483647)", q[4][3]);
        Assert.Equal(999999999999.99m, s.Scalar("SELECT fine_yuan FROM stg_enforcement_cases WHERE case_id = 'C7'"));
    }

    [Fact]
    public void Out_of_range_numbers_in_regions_grids_and_figures_are_quarantined_too()
    {
        using var s = new Sources(withRegions: false);
        s.Csv("regions.csv", Sources.RegionHeader,
            [.. Sources.Regions, "610323103000,大镇,乡镇,镇,610323000000,99999999999,1e11,否,否"]);
        s.Jsonl("grids/grids_a.jsonl",
        [
            """{"grid_code":"G1","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":3000000000,"members_part_time":2,"status":"active"}""",
            """{"grid_code":"G2","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":1,"members_part_time":2,"status":"active"}""",
        ]);
        s.Csv("published/figures.csv", "region_code,indicator,period,value,source_document,quote",
            ["610323000000,hotline_tickets,2024,inf,,", "610323000000,hotline_tickets,2023,-Infinity,,"]);

        s.Load();

        var q = s.Query("SELECT file_path, row_number, column_name FROM quarantine ORDER BY file_path, row_number");
        Assert.Equal(["grids/grids_a.jsonl", 1L, "members_full_time"], q[0]);
        Assert.Equal(["published/figures.csv", 2L, "value"], q[1]);
        Assert.Equal(["published/figures.csv", 3L, "value"], q[2]);
        Assert.Equal(["regions.csv", 10L, "面积(平方公里)"], q[3]);
        Assert.Equal(4, q.Count);
        // BIGINT holds a population of 99,999,999,999; the area is what is out of range in that row.
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_grid_snapshots"));
    }

    [Fact]
    public void Dates_outside_the_plausible_window_are_quarantined_with_the_window_in_the_reason()
    {
        using var s = new Sources();
        const string t = "2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader,
        [
            "T1," + t,
            "T2,0000-01-01 09:00:00" + t[19..].Replace("2024-07-01 10:00:00", "0000-01-01 10:00:00"),
            "T3," + t.Replace(",,,已解决", ",,2099-12-31 10:00:00,已解决"),
        ]);
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader, [Case, Case.Replace("C0", "C1").Replace("2024-07-03", "1999-12-31")]);

        s.Load();

        var q = s.Query("SELECT file_path, row_number, column_name, reason FROM quarantine ORDER BY file_path, row_number");
        Assert.Equal(3, q.Count);
        Assert.Equal(["cases/enforcement_2024.csv", 3L, "立案日期", "立案日期 1999-12-31 is before 2000-01-01, the earliest plausible date (--earliest-date)"], q[0]);
        Assert.Equal(["cases/hotline_202407.csv", 3L, "来电时间"], q[1][..3]);
        Assert.Equal(["cases/hotline_202407.csv", 4L, "办结时间"], q[2][..3]);
        Assert.Matches(@"^办结时间 2099-12-31 10:00:00 is after \d{4}-\d\d-\d\d, 31 days after this load", (string)q[2][3]!);
        Assert.Equal("2024-07", s.Scalar("SELECT min(period) FROM measure_values WHERE measure_id = 'hotline_tickets' AND length(period) = 7"));
    }

    [Fact]
    public void The_date_window_is_configurable()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
            [Case.Replace("2024-07-03", "1999-12-31"), Case.Replace("C0", "C1").Replace("2024-07-03", DateTime.Now.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);

        s.Load(o => o with { EarliestDate = new DateOnly(1990, 1, 1), FutureDays = 1 });

        Assert.Equal(["C0"], s.Query("SELECT case_id FROM stg_enforcement_cases").Select(r => (string)r[0]!));
        Assert.Contains("1 days after this load", (string)s.Scalar("SELECT reason FROM quarantine")!);
    }

    [Fact]
    public void A_nul_byte_rejects_its_row_instead_of_cutting_the_value()
    {
        using var s = new Sources();
        const string rest = ",2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, ["T1\0a" + rest, "T1\0b" + rest, "T2" + rest]);
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader, [Case, Case.Replace("C0", "C1").Replace("市场监管", "市场\0监管")]);
        s.Jsonl("grids/grids_a.jsonl",
        [
            """{"grid_code":"G1\u0000x","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":1,"members_part_time":2,"status":"active"}""",
            """{"grid_code":"G2","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":1,"members_part_time":2,"status":"active"}""",
        ]);

        s.Load();

        Assert.Equal(["T2"], s.Query("SELECT ticket_id FROM stg_hotline_tickets").Select(r => (string)r[0]!));
        Assert.Equal(["C0"], s.Query("SELECT case_id FROM stg_enforcement_cases").Select(r => (string)r[0]!));
        Assert.Equal(["G2"], s.Query("SELECT grid_code FROM stg_grid_snapshots").Select(r => (string)r[0]!));
        var q = s.Query("SELECT file_path, row_number, column_name, reason, raw_text FROM quarantine ORDER BY file_path, row_number");
        Assert.Equal(["cases/enforcement_2024.csv", 3L, "执法领域"], q[0][..3]);
        Assert.Contains("市场\\0监管", (string)q[0][4]!);
        Assert.Equal(["cases/hotline_202407.csv", 2L, "工单编号"], q[1][..3]);
        Assert.Contains("NUL", (string)q[1][3]!);
        Assert.Equal(["cases/hotline_202407.csv", 3L, "工单编号"], q[2][..3]);
        Assert.DoesNotContain("13800001111", (string)q[2][4]!);
        Assert.Equal(["grids/grids_a.jsonl", 1L, "grid_code"], q[3][..3]);
        Assert.Equal(4, q.Count);
    }
}
