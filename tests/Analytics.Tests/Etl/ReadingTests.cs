using System.Text;

namespace Analytics.Tests.Etl;

/// <summary>Every layout of docs/domain/sources.md reads into the same typed rows, whatever encoding, date style or container.</summary>
public sealed class ReadingTests
{
    private static readonly string[] Tickets =
    [
        "T1,2024-07-03 14:05:00,张三,13800001111,\"路灯坏了,请修\",市政,610323101000,2024-07-03 15:00:00,2024-07-03 16:30:00,2024-07-04 10:00:00,已解决,满意,否,",
        "T2,2024-07-05 09:00:00,李四,13900002222,\"他说\"\"太吵\"\"\n晚上尤其\",环境,610323102000,2024-07-05 10:00:00,,,未回访,未回访,是,生态环境局",
    ];

    [Theory]
    [InlineData("utf-8", false, false)]
    [InlineData("utf-8-bom", true, false)]
    [InlineData("gb18030", false, false)]
    [InlineData("gb18030", false, true)]
    [InlineData("utf-8", false, true)]
    public void Hotline_csv_reads_the_same_in_every_encoding(string encoding, bool bom, bool gzip)
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader, Tickets,
            encoding == "gb18030" ? Sources.Gb18030 : null, bom, gzip);

        var result = s.Load();

        var file = Assert.Single(result.Files, f => f.Family == "hotline_tickets");
        Assert.Equal(encoding, file.Encoding);
        Assert.Equal((2L, 2L, 0L), (file.Read, file.Loaded, file.Rejected));
        var rows = s.Query("SELECT ticket_id, received_at, township_code, first_contact_at, resolved, satisfaction, whistle, responding_department, _row FROM stg_hotline_tickets ORDER BY ticket_id");
        Assert.Equal(["T1", new DateTime(2024, 7, 3, 14, 5, 0), "610323101000", new DateTime(2024, 7, 3, 16, 30, 0), "已解决", "满意", false, null, 2L], rows[0]);
        Assert.Equal(["T2", new DateTime(2024, 7, 5, 9, 0, 0), "610323102000", null, "未回访", "未回访", true, "生态环境局", 3L], rows[1]);
    }

    [Fact]
    public void Both_date_styles_give_the_same_values()
    {
        using var s = new Sources();
        s.Csv("cases/enforcement_2024.csv", Sources.CaseHeader,
        [
            "C1,610323101000,市场监管,2024-07-03,2024-07-10,是,5,处罚,1000.50,否",
            "C2,610323101000,市场监管,2024/7/3,2024/7/10,否,2,责令整改,,是",
            "C3,610323101000,市场监管,2024-07-03 14:05:00,,否,,,,否",
        ]);

        s.Load();

        var rows = s.Query("SELECT case_id, opened_on, closed_on, fine_yuan FROM stg_enforcement_cases ORDER BY case_id");
        Assert.All(rows, r => Assert.Equal(new DateOnly(2024, 7, 3), r[1]));
        Assert.Equal(rows[0][2], rows[1][2]);
        Assert.Equal(1000.50m, rows[0][3]);
    }

    [Fact]
    public void Workbook_with_a_sheet_per_county_loads_every_sheet_with_excel_and_text_dates()
    {
        using var s = new Sources();
        s.Xlsx("reform/institutions_宝鸡市.xlsx", Sources.ReformHeader,
            ("岐山县", [
                ["610323101000", new DateTime(2019, 6, 30), "一办七局", 20, 9, 3, 1, 12, 7],
                ["610323102000", "2019/7/1", "六办三中心", 18, 8, null, null, 8, 4],
            ]),
            ("城关", [["610323001000", "2020-01-15", "五办两中心", 12, 7, 2, 2, null, null]]));

        var result = s.Load();

        var file = Assert.Single(result.Files, f => f.Family == "institution_reforms");
        Assert.Equal(3, file.Loaded);
        var rows = s.Query("SELECT township_code, completed_on, bodies_before, bodies_after, internal_after, _sheet, _row FROM stg_institution_reforms ORDER BY township_code");
        Assert.Equal(["610323001000", new DateOnly(2020, 1, 15), 12, 7, null, "城关", 2L], rows[0]);
        Assert.Equal(["610323101000", new DateOnly(2019, 6, 30), 20, 9, 7, "岐山县", 2L], rows[1]);
        Assert.Equal(["610323102000", new DateOnly(2019, 7, 1), 18, 8, 4, "岐山县", 3L], rows[2]);
    }

    [Fact]
    public void Workbook_dates_do_not_depend_on_the_machine_culture()
    {
        // th-TH counts years in the Buddhist era: 2019 is 2562 there.
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH");
        try
        {
            using var s = new Sources();
            s.Xlsx("reform/institutions_宝鸡市.xlsx", Sources.ReformHeader,
                ("岐山县", [["610323101000", new DateTime(2019, 6, 30), "一办七局", 20, 9, 3, 1, 12, 7]]));

            Assert.Equal(1, Assert.Single(s.Load().Files, f => f.Family == "institution_reforms").Loaded);
            Assert.Equal([new DateOnly(2019, 6, 30)], s.Query("SELECT completed_on FROM stg_institution_reforms")[0]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grid_exports_read_from_jsonl_plain_or_gzip(bool gzip)
    {
        using var s = new Sources();
        s.Jsonl("grids/grids_a.jsonl",
        [
            """{"grid_code":"610323101001001","grid_name":"一网格","community_code":"610323101001","snapshot_date":"2024-06-30","members_full_time":1,"members_part_time":2,"households":100,"population":300,"status":"active"}""",
            """{"grid_code":"610323102001001","grid_name":"二网格","community_code":"610323102001","snapshot_date":"2024/6/30","members_full_time":"1","members_part_time":0,"status":"inactive"}""",
        ], gzip);
        s.Jsonl("grids/events_a.jsonl",
        [
            """{"event_id":"E1","grid_code":"610323101001001","category":"环境","reported_at":"2024-06-01T08:00:00","dispatched_at":"2024-06-01T09:00:00","closed_at":"2024-06-02T09:00:00","status":"closed","source":"patrol"}""",
            """{"event_id":"E2","grid_code":"610323101001001","category":"安全","reported_at":"2024-06-03T08:00:00","dispatched_at":null,"closed_at":null,"status":"open","source":"camera"}""",
        ], gzip);

        s.Load();

        Assert.Equal(2L, s.Scalar("SELECT count(*) FROM stg_grid_snapshots WHERE snapshot_date = DATE '2024-06-30'"));
        Assert.Equal(3L, s.Scalar("SELECT CAST(sum(members_full_time + members_part_time) FILTER (status = 'active') AS BIGINT) FROM stg_grid_snapshots"));
        Assert.Equal(0.5, s.Scalar("SELECT value FROM measure_values WHERE measure_id = 'grid_event_closure_rate' AND region_code = '610323000000' AND period = '2024-06'"));
    }
}
