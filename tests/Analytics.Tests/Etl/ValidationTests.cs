using Analytics.Etl.Load;

namespace Analytics.Tests.Etl;

/// <summary>Each rule sends the bad row to quarantine naming file, row and column, and loads the rest of the file.</summary>
public sealed class ValidationTests
{
    private const string Good = "T0,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,2024-07-01 11:00:00,,已解决,满意,否,";

    [Theory]
    [InlineData("T9,,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,", "来电时间", "来电时间 is empty")]
    [InlineData("T9,2024-13-45 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,", "来电时间", "'2024-13-45 09:00:00' is not a date and time")]
    [InlineData("T9,2024-07-01 09:00:00,张三,13800001111,内容,市政,999999999999,2024-07-01 10:00:00,,,已解决,满意,否,", "承办单位代码", "999999999999 is not a known region code")]
    [InlineData("T9,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,很好,否,", "满意度", "'很好' is not one of 满意/基本满意/不满意/未回访")]
    [InlineData("T9,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,Y,", "是否吹哨", "'Y' is not 是 or 否")]
    [InlineData("T9,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 08:00:00,,,已解决,满意,否,", "派单时间", "派单时间 is before 来电时间")]
    [InlineData("T9,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,2024-07-01 09:30:00,,已解决,满意,否,", "首次联系时间", "首次联系时间 is before 派单时间")]
    [InlineData("T0,2024-07-01 09:00:00,张三,13800001111,内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,", "工单编号", "duplicate of row 2 in this file")]
    public void A_bad_ticket_is_quarantined_with_its_row_and_column(string bad, string column, string reason)
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Good, bad, Good.Replace("T0", "T1")]);

        var result = s.Load();

        var file = Assert.Single(result.Files, f => f.Family == "hotline_tickets");
        Assert.Equal((3L, 2L, 1L), (file.Read, file.Loaded, file.Rejected));
        var q = s.Query("SELECT file_path, row_number, column_name, reason, raw_text FROM quarantine").Single();
        Assert.Equal("cases/hotline_202407.csv", q[0]);
        Assert.Equal(3L, q[1]);
        Assert.Equal(column, q[2]);
        Assert.Contains(reason, (string)q[3]!);
        Assert.DoesNotContain("13800001111", (string)q[4]!);
        Assert.DoesNotContain("张三", (string)q[4]!);
    }

    [Fact]
    public void A_ticket_already_loaded_from_another_file_is_a_duplicate_naming_that_file()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Good]);
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader, [Good.Replace("2024-07-01", "2024-08-01")]);

        s.Load();

        var q = s.Query("SELECT file_path, row_number, reason FROM quarantine").Single();
        Assert.Equal(["cases/hotline_202408.csv", 2L, "duplicate of cases/hotline_202407.csv row 2"], q);
    }

    [Fact]
    public void Rows_are_numbered_per_file_when_several_files_load_as_one_batch()
    {
        using var s = new Sources();
        string T(string id, string month = "2024-07") => Good.Replace("T0", id).Replace("2024-07", month);
        var bad = "未回访,未回访,否";
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [T("A1"), T("A2").Replace("已解决,满意,否", "已解决,很好,否"), T("A3")]);
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader,
            [T("B1", "2024-08"), T("B2", "2024-08").Replace("内容", "\"两行\n内容\""), T("B3", "2024-08"), T("B4", "2024-08").Replace("未回访,未回访,否", bad).Replace(",否,", ",X,")],
            Sources.Gb18030);
        s.Csv("cases/hotline_202409.csv", Sources.TicketHeader, [T("C1", "2024-09").Replace("610323101000", "123"), T("C2", "2024-09")], bom: true);

        s.Load();

        var q = s.Query("SELECT file_path, row_number, column_name FROM quarantine ORDER BY file_path");
        Assert.Equal(["cases/hotline_202407.csv", 3L, "满意度"], q[0]);
        Assert.Equal(["cases/hotline_202408.csv", 5L, "是否吹哨"], q[1]);
        Assert.Equal(["cases/hotline_202409.csv", 2L, "承办单位代码"], q[2]);
        Assert.Equal(6L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
        Assert.Equal([4L], s.Query("SELECT _row FROM stg_hotline_tickets WHERE ticket_id = 'B3'").Single());
    }

    [Fact]
    public void A_new_file_whose_every_row_is_rejected_is_kept_with_its_quarantine()
    {
        // It changes no fact and no mart cell; the load still has news to publish: the file and why it was refused.
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Good]);
        s.Load();
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader, [Good.Replace("2024-07-01", "2024-08-01")]);

        var result = s.Load();

        Assert.True(result.Published);
        Assert.Equal(["cases/hotline_202408.csv", 2L, "duplicate of cases/hotline_202407.csv row 2"],
            s.Query("SELECT file_path, row_number, reason FROM quarantine").Single());
        Assert.Equal([1L, 0L, 1L], s.Query("SELECT rows_read, rows_loaded, rows_rejected FROM etl_files WHERE file_path = 'cases/hotline_202408.csv'").Single());
        var again = Assert.Single(s.Load().Files, f => f.File == "cases/hotline_202408.csv");
        Assert.Equal(FileStatus.Unchanged, again.Status);
    }

    [Fact]
    public void A_duplicate_found_after_its_file_was_read_keeps_its_own_source_text()
    {
        // Rows are typed and checked as the CSV is read, and only a row with a problem keeps its text; a duplicate is
        // known only afterwards, so its file (here a GB18030 one, decoded to a temp file) is read again for it.
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, [Good, Good.Replace("市政", "环境")], Sources.Gb18030);
        s.Csv("cases/hotline_202408.csv", Sources.TicketHeader,
            [Good.Replace("T0", "T5").Replace("2024-07-01", "2024-08-01"), Good.Replace("2024-07-01", "2024-08-02")], gzip: true);
        s.Load();
        s.Csv("cases/hotline_202409.csv", Sources.TicketHeader, [Good.Replace("T0", "T5").Replace("2024-07-01", "2024-09-03")]);
        s.Load();

        var q = s.Query("SELECT file_path, row_number, reason, raw_text FROM quarantine ORDER BY file_path");
        Assert.Equal(3, q.Count);
        Assert.Equal(["cases/hotline_202407.csv", 3L, "duplicate of row 2 in this file"], q[0][..3]);
        Assert.Contains("\"诉求类别\":\"环境\"", (string)q[0][3]!);
        Assert.Equal(["cases/hotline_202408.csv.gz", 3L, "duplicate of cases/hotline_202407.csv row 2"], q[1][..3]);
        Assert.Contains("\"来电时间\":\"2024-08-02 09:00:00\"", (string)q[1][3]!);
        Assert.Equal(["cases/hotline_202409.csv", 2L, "duplicate of cases/hotline_202408.csv.gz row 2"], q[2][..3]);
        Assert.Contains("\"来电时间\":\"2024-09-03 09:00:00\"", (string)q[2][3]!);
        Assert.All(q, r => Assert.DoesNotContain("13800001111", (string)r[3]!));
        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
    }

    [Fact]
    public void Enforcement_rules_name_the_column()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
        [
            "C1,610323101000,市场监管,2024-07-03,2024-07-01,否,2,处罚,10,否",
            "C2,610323101000,市场监管,2024-07-03,,否,-3,处罚,10,否",
            "C3,610323101000,市场监管,2024-07-03,,否,2,罚款,10,否",
            "C4,610323101000,市场监管,2024-07-03,,否,2.5,处罚,10,否",
            "C5,610323101000,市场监管,2024-07-03,,是,2,处罚,10,否",
        ]);

        s.Load();

        var q = s.Query("SELECT row_number, column_name, reason FROM quarantine ORDER BY row_number");
        Assert.Equal([2L, "结案日期", "结案日期 is before 立案日期"], q[0]);
        Assert.Equal([3L, "出动人员", "出动人员 -3 is negative"], q[1]);
        Assert.Equal([4L, "处置结果", "处置结果 '罚款' is not one of 处罚/责令整改/移送/不予处罚"], q[2]);
        Assert.Equal([5L, "出动人员", "出动人员 '2.5' is not a whole number"], q[3]);
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_enforcement_cases"));
    }

    [Fact]
    public void Reform_counts_after_above_before_are_rejected_with_their_sheet()
    {
        using var s = new Sources();
        s.Xlsx("reform/institutions_宝鸡市.xlsx", Sources.ReformHeader,
            ("岐山县", [
                ["610323101000", "2019-06-30", "一办七局", 20, 9, 3, 1, 12, 7],
                ["610323102000", "2019-06-30", "一办七局", 8, 9, 3, 1, 12, 7],
            ]));

        s.Load();

        var q = s.Query("SELECT sheet, row_number, column_name, reason FROM quarantine").Single();
        Assert.Equal(["岐山县", 3L, "改革后机构数", "改革后机构数 9 is above 改革前机构数 8"], q);
    }

    [Fact]
    public void Regions_need_a_known_parent_and_twelve_digits()
    {
        using var s = new Sources(withRegions: false);
        s.Csv("regions.csv", Sources.RegionHeader,
            [.. Sources.Regions, "61032310200,短码,乡镇,镇,610323000000,,,否,否", "610323103000,孤镇,乡镇,镇,619999000000,,,否,否"]);

        s.Load();

        var q = s.Query("SELECT row_number, column_name, reason FROM quarantine ORDER BY row_number");
        Assert.Equal([10L, "区划代码", "区划代码 61032310200 is not a 12-digit division code"], q[0]);
        Assert.Equal([11L, "上级代码", "上级代码 619999000000 is not a region in this file or the warehouse"], q[1]);
    }

    [Fact]
    public void A_broken_csv_line_is_quarantined_and_the_lines_after_it_still_load()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader,
            [Good, "T8,2024-07-01 09:00:00,张三,13800001111", Good.Replace("T0", "T1"), Good.Replace("T0", "T2").Replace("未回访", "x")]);

        var result = s.Load();

        Assert.Equal(3, result.Files.Single(f => f.Family == "hotline_tickets").Loaded);
        var q = s.Query("SELECT row_number, reason, raw_text FROM quarantine").Single();
        Assert.Equal(3L, q[0]);
        Assert.Equal("line 3: expected 14 fields, found 4", q[1]);
        Assert.DoesNotContain("13800001111", (string)q[2]!);
    }

    [Fact]
    public void A_line_that_is_not_json_is_quarantined()
    {
        using var s = new Sources();
        s.Jsonl("grids/grids_a.jsonl",
        [
            """{"grid_code":"610323101001001","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":1,"members_part_time":2,"status":"active"}""",
            """{"grid_code": broken""",
        ]);

        s.Load();

        var q = s.Query("SELECT row_number, reason FROM quarantine").Single();
        Assert.Equal(2L, q[0]);
        Assert.StartsWith("not valid JSON", (string)q[1]!);
    }

    [Fact]
    public void A_missing_required_header_fails_the_run_naming_file_and_column()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader.Replace("承办单位代码", "单位"), [Good]);

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/hotline_202407.csv", e.File);
        Assert.Contains("承办单位代码", e.Problem);
        Assert.Null(new Analytics.Warehouse.Generations(s.Warehouse).Current());
    }

    [Fact]
    public void Undecodable_bytes_fail_the_run_naming_the_file()
    {
        using var s = new Sources();
        s.Write("cases/hotline_202407.csv", [.. System.Text.Encoding.UTF8.GetBytes(Sources.TicketHeader + "\n"), 0x81, 0x20, 0xFF, 0xFE, 0x0A]);

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/hotline_202407.csv", e.File);
        Assert.Contains("neither UTF-8 nor GB18030", e.Problem);
    }

    [Fact]
    public void A_workbook_that_is_not_xlsx_fails_the_run()
    {
        using var s = new Sources();
        s.Write("staffing/staffing_2024.xlsx", "not a zip"u8.ToArray());

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("staffing/staffing_2024.xlsx", e.File);
        Assert.Contains("not a readable .xlsx", e.Problem);
    }
}
