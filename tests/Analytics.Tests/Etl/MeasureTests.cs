using Analytics.Etl.Load;

namespace Analytics.Tests.Etl;

/// <summary>Measure values against an independent computation in C# from the rows the test wrote.</summary>
public sealed class MeasureTests
{
    private sealed record Ticket(string Id, string Township, DateTime Received, double? ResponseHours, string Resolved, string Satisfaction, bool Whistle);

    private static readonly string[] Towns = ["610323101000", "610323102000", "610323001000"];

    private static List<Ticket> RandomTickets(int count, int seed)
    {
        var random = new Random(seed);
        string[] resolved = ["已解决", "未解决", "未回访"];
        string[] satisfaction = ["满意", "基本满意", "不满意", "未回访"];
        return Enumerable.Range(0, count).Select(i => new Ticket(
            $"T{i:D5}",
            Towns[random.Next(Towns.Length)],
            new DateTime(2024, 1, 1).AddHours(random.Next(0, 24 * 180)),
            random.Next(10) == 0 ? null : random.Next(0, 5) == 0 ? 24 : random.NextDouble() * 40, // some exactly at the limit
            resolved[random.Next(3)],
            satisfaction[random.Next(4)],
            random.Next(8) == 0)).ToList();
    }

    private static string Row(Ticket t)
    {
        var dispatched = t.Received.AddMinutes(30);
        var contact = t.ResponseHours is { } h ? dispatched.AddMinutes(Math.Round(h * 60)).ToString("yyyy-MM-dd HH:mm:ss") : "";
        return string.Join(',', t.Id, t.Received.ToString("yyyy-MM-dd HH:mm:ss"), "某人", "13800000000", "内容", "市政", t.Township,
            dispatched.ToString("yyyy-MM-dd HH:mm:ss"), contact, "", t.Resolved, t.Satisfaction, t.Whistle ? "是" : "否", t.Whistle ? "城管局" : "");
    }

    [Fact]
    public void Hotline_rates_are_sums_of_numerators_over_sums_of_denominators_at_every_grain()
    {
        using var s = new Sources();
        var tickets = RandomTickets(3000, seed: 7);
        foreach (var month in tickets.GroupBy(t => t.Received.ToString("yyyyMM")))
            s.Csv($"cases/hotline_{month.Key}.csv", Sources.TicketHeader, month.Select(Row));

        s.Load();

        var values = s.Query("SELECT region_code, period, measure_id, value FROM measure_values WHERE measure_id LIKE 'hotline%' OR measure_id = 'whistles'")
            .ToDictionary(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!), r => (double)r[3]!);
        var groups = new List<(string Region, string Period, List<Ticket> Rows)>();
        foreach (var (region, filter) in new (string, Func<Ticket, bool>)[] { ("610323000000", _ => true), ("610323101000", t => t.Township == "610323101000") })
        {
            groups.AddRange(tickets.Where(filter).GroupBy(t => t.Received.ToString("yyyy-MM")).Select(g => (region, g.Key, g.ToList())));
            groups.AddRange(tickets.Where(filter).GroupBy(t => $"{t.Received.Year}-Q{(t.Received.Month + 2) / 3}").Select(g => (region, g.Key, g.ToList())));
            groups.Add((region, "2024", tickets.Where(filter).ToList()));
        }
        Assert.Equal(2 * (6 + 2 + 1), groups.Count); // two regions × six months, two quarters, one year
        foreach (var (region, period, rows) in groups)
        {
            var response = (double)rows.Count(t => t.ResponseHours <= 24) / rows.Count;
            var rated = rows.Where(t => t.Resolved != "未回访").ToList();
            var resolution = (double)rated.Count(t => t.Resolved == "已解决") / rated.Count;
            var satisfactionRated = rows.Where(t => t.Satisfaction != "未回访").ToList();
            var satisfaction = (double)satisfactionRated.Count(t => t.Satisfaction is "满意" or "基本满意") / satisfactionRated.Count;
            Assert.Equal(rows.Count, values[(region, period, "hotline_tickets")]);
            Assert.Equal(response, values[(region, period, "hotline_response_rate")], 12);
            Assert.Equal(resolution, values[(region, period, "hotline_resolution_rate")], 12);
            Assert.Equal(satisfaction, values[(region, period, "hotline_satisfaction_rate")], 12);
            Assert.Equal(100 * (0.30 * response + 0.35 * resolution + 0.35 * satisfaction), values[(region, period, "hotline_composite_score")], 6);
            Assert.Equal(rows.Count(t => t.Whistle), values[(region, period, "whistles")]);
        }
    }

    [Fact]
    public void Rates_of_events_carry_their_wilson_interval_and_are_flagged_below_the_minimum_denominator()
    {
        using var s = new Sources();
        var tickets = RandomTickets(3000, seed: 11);
        foreach (var month in tickets.GroupBy(t => t.Received.ToString("yyyyMM")))
            s.Csv($"cases/hotline_{month.Key}.csv", Sources.TicketHeader, month.Select(Row));
        new Loader(new Analytics.Etl.Load.LoadOptions(s.Source, s.Warehouse) { MinDenominator = 120 }).Run();

        var rows = s.Query("""
            SELECT region_code, period, numerator, denominator, low, high, reliable FROM measure_values
            WHERE measure_id = 'hotline_satisfaction_rate' AND period_grain = 'month'
            """);
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => (bool)r[6]! == false);
        Assert.Contains(rows, r => (bool)r[6]! == true);
        foreach (var r in rows)
        {
            // Wilson score interval at 95%, computed here independently of the SQL.
            double k = (long)r[2]!, n = (long)r[3]!, z = 1.959963984540054;
            var p = k / n;
            var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            var half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
            Assert.Equal(centre - half, (double)r[4]!, 9);
            Assert.Equal(centre + half, (double)r[5]!, 9);
            Assert.Equal(n >= 120, (bool)r[6]!);
        }
        // Counts and stocks have no interval and are never flagged.
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM measure_values WHERE measure_id = 'hotline_tickets' AND (low IS NOT NULL OR NOT reliable)"));
    }

    [Fact]
    public void Siblings_are_ranked_and_compared_with_their_parent_and_previous_period()
    {
        using var s = new Sources();
        var tickets = RandomTickets(2000, seed: 11);
        foreach (var month in tickets.GroupBy(t => t.Received.ToString("yyyyMM")))
            s.Csv($"cases/hotline_{month.Key}.csv", Sources.TicketHeader, month.Select(Row));

        s.Load();

        var rows = s.Query("""
            SELECT region_code, value, sibling_rank, sibling_count, parent_value, difference_from_parent, previous_value, change
            FROM measure_values WHERE measure_id = 'hotline_resolution_rate' AND period = '2024-Q2' AND region_level = 'township'
            """);
        Assert.Equal(3, rows.Count);
        var expectedOrder = rows.OrderByDescending(r => (double)r[1]!).Select(r => (string)r[0]!).ToList();
        Assert.Equal(expectedOrder, rows.OrderBy(r => (long)r[2]!).Select(r => (string)r[0]!));
        var county = tickets.Where(t => t.Received.Month is >= 4 and <= 6 && t.Resolved != "未回访").ToList();
        var countyRate = (double)county.Count(t => t.Resolved == "已解决") / county.Count;
        foreach (var r in rows)
        {
            var town = (string)r[0]!;
            var q1 = tickets.Where(t => t.Township == town && t.Received.Month <= 3 && t.Resolved != "未回访").ToList();
            var q1Rate = (double)q1.Count(t => t.Resolved == "已解决") / q1.Count;
            Assert.Equal(3L, r[3]);
            Assert.Equal(countyRate, (double)r[4]!, 12);
            Assert.Equal((double)r[1]! - countyRate, (double)r[5]!, 12);
            Assert.Equal(q1Rate, (double)r[6]!, 12);
            Assert.Equal((double)r[1]! - q1Rate, (double)r[7]!, 12);
        }
    }

    [Fact]
    public void Snapshots_take_the_latest_snapshot_in_the_period_and_are_never_summed()
    {
        using var s = new Sources();
        static string Grid(string code, string community, string date, int full, int part, string status = "active") =>
            $$"""{"grid_code":"{{code}}","community_code":"{{community}}","snapshot_date":"{{date}}","members_full_time":{{full}},"members_part_time":{{part}},"status":"{{status}}"}""";
        s.Jsonl("grids/grids_2024.jsonl",
        [
            Grid("610323101001001", "610323101001", "2024-03-31", 1, 1),
            Grid("610323101001002", "610323101001", "2024-03-31", 1, 0),
            Grid("610323101001001", "610323101001", "2024-06-30", 2, 1),
            Grid("610323101001002", "610323101001", "2024-06-30", 1, 0, "inactive"),
            Grid("610323102001001", "610323102001", "2024-06-30", 1, 3),
        ]);

        s.Load();

        double Value(string measure, string period) => (double)s.Scalar(
            $"SELECT value FROM measure_values WHERE region_code = '610323000000' AND measure_id = '{measure}' AND period = '{period}'")!;
        Assert.Equal(2, Value("grid_count", "2024"));      // not 2 + 2
        Assert.Equal(7, Value("grid_members", "2024"));    // 3 + 4 in the June snapshot
        Assert.Equal(3, Value("grid_members", "2024-Q1"));
        Assert.Equal(1.0, Value("grid_coverage_rate", "2024"));
        Assert.Equal(0.5, Value("grid_coverage_rate", "2024-03")); // only 一社区 had a snapshot in March
    }

    [Fact]
    public void Streamlining_is_cumulative_from_each_reform_completion()
    {
        using var s = new Sources();
        s.Xlsx("reform/institutions_宝鸡市.xlsx", Sources.ReformHeader,
            ("岐山县", [
                ["610323101000", new DateTime(2019, 3, 15), "一办七局", 20, 8, 4, 2, 12, 7],
                ["610323102000", new DateTime(2019, 11, 2), "六办三中心", 10, 9, 2, 1, 8, 4],
            ]));

        s.Load();

        double? Value(string measure, string period) => (double?)s.Query(
            $"SELECT value FROM measure_values WHERE region_code = '610323000000' AND measure_id = '{measure}' AND period = '{period}'").SingleOrDefault()?[0];
        Assert.Equal(12.0 / 20, Value("institution_streamlining_rate", "2019-Q1"));
        Assert.Equal(12.0 / 20, Value("institution_streamlining_rate", "2019-10"));
        Assert.Equal(13.0 / 30, Value("institution_streamlining_rate", "2019"));
        Assert.Equal(13.0, Value("institutions_integrated", "2019-11"));
        Assert.Equal(3.0 / 6, Value("public_institution_streamlining_rate", "2019-12"));
        Assert.Equal(9.0 / 20, Value("internal_body_streamlining_rate", "2019-Q4"));
        Assert.Null(Value("institution_streamlining_rate", "2019-02"));
    }

    [Fact]
    public void The_response_limit_and_basic_satisfaction_are_settings()
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202407.csv", Sources.TicketHeader,
        [
            "T1,2024-07-01 09:00:00,a,1,x,c,610323101000,2024-07-01 10:00:00,2024-07-01 20:00:00,,已解决,基本满意,否,",
            "T2,2024-07-01 09:00:00,a,1,x,c,610323101000,2024-07-01 10:00:00,2024-07-02 20:00:00,,已解决,满意,否,",
        ]);
        var options = new Analytics.Etl.Load.LoadOptions(s.Source, s.Warehouse) { ResponseLimitHours = 12, CountBasicSatisfied = false };

        new Analytics.Etl.Load.Loader(options).Run();

        Assert.Equal(0.5, s.Scalar("SELECT value FROM measure_values WHERE measure_id = 'hotline_response_rate' AND region_code = '610323101000' AND period = '2024-07'"));
        Assert.Equal(0.5, s.Scalar("SELECT value FROM measure_values WHERE measure_id = 'hotline_satisfaction_rate' AND region_code = '610323101000' AND period = '2024-07'"));
        Assert.Equal("12", s.Scalar("SELECT value FROM settings WHERE key = 'response_limit_hours'"));
    }
}
