namespace Analytics.Generator;

/// <summary>
/// cases/enforcement_YYYY.csv: comprehensive enforcement cases, one file per year, written as generated.
/// 2015 holds only 夏庄镇's joint platform (report 004: 36 operations, "200余" personnel-times, here 202).
/// </summary>
internal static class EnforcementWriter
{
    public const long DefaultCases = 8_400;
    public const int XiazhuangJoint = 36;
    public const int XiazhuangPersonnel = 202;

    private static readonly string[] Header =
        ["案件编号", "区划代码", "执法领域", "立案日期", "结案日期", "是否联合执法", "出动人员", "处置结果", "罚没金额(元)", "是否吹哨"];

    public static readonly string[] Domains = ["市场监管", "文化旅游", "交通运输", "农业农村", "生态环境", "应急管理", "自然资源", "城市管理"];
    private static readonly string[] Outcomes = ["处罚", "处罚", "责令整改", "责令整改", "责令整改", "移送", "不予处罚"];

    public static long Write(IReadOnlyList<CaseUnit> units, long total, int seed, WriteLog log)
    {
        Xiazhuang2015(seed, log);
        var quotas = HotlineWriter.MonthQuotas(total);
        Parallel.For(0, HotlineWriter.Months / 12, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            y => WriteYear(y, quotas, units, seed, log));
        return total + XiazhuangJoint;
    }

    private static void Xiazhuang2015(int seed, WriteLog log)
    {
        var random = Seeds.For(seed, "enforcement", 2015);
        const string file = "cases/enforcement_2015.csv";
        using var csv = new CsvOut(log.PathOf(file), ExportEncoding.Utf8Bom, Header);
        var personnel = Apportion.Uneven(XiazhuangPersonnel, XiazhuangJoint, random);
        var opened = new DateOnly(2015, 1, 10);
        for (var i = 0; i < XiazhuangJoint; i++)
        {
            opened = opened.AddDays(random.Next(3, 12));
            Row(csv, $"ZF2015{i + 1:D7}", Codes.Xiazhuang, Domains[random.Next(Domains.Length)], opened,
                opened.AddDays(random.Next(1, 20)), joint: true, personnel[i], "责令整改", 0, whistle: false, slashed: false);
        }
        log.Wrote(file, csv.Rows);
    }

    private static void WriteYear(int y, int[] quotas, IReadOnlyList<CaseUnit> units, int seed, WriteLog log)
    {
        var year = 2019 + y;
        var random = Seeds.For(seed, "enforcement", year);
        var relative = $"cases/enforcement_{year}.csv";
        var encoding = year switch { 2020 => ExportEncoding.Gb18030, 2023 => ExportEncoding.Utf8, _ => ExportEncoding.Utf8Bom };
        var slashed = year == 2021;
        using var csv = new CsvOut(log.PathOf(relative), encoding, Header);
        var seq = 0;
        for (var m = y * 12; m < y * 12 + 12; m++)
        {
            var start = HotlineWriter.MonthStart(m);
            var days = DateTime.DaysInMonth(start.Year, start.Month);
            var shares = Apportion.Split(quotas[m], units.Select(u => u.Weight * (0.7 + random.NextDouble() * 0.6)).ToArray());
            // Cases are opened through the month; order by day so the file reads like a register.
            var cases = new List<(int Day, int Unit)>();
            for (var u = 0; u < shares.Length; u++)
            {
                for (var k = 0; k < shares[u]; k++)
                {
                    cases.Add((random.Next(1, days + 1), u));
                }
            }
            foreach (var (day, u) in cases.OrderBy(c => c.Day).ThenBy(c => c.Unit))
            {
                var opened = new DateOnly(start.Year, start.Month, day);
                var joint = random.Next(10) == 0;
                var outcome = Outcomes[random.Next(Outcomes.Length)];
                var fine = outcome == "处罚" ? random.Next(2, 500) * 100 : 0;
                var closed = opened.AddDays(random.Next(1, 60));
                var personnel = joint ? random.Next(4, 13) : random.Next(2, 5);
                // Planted defect: a negative head count in 2022 (no published figure covers 2022).
                if (year == 2022 && seq == 14)
                {
                    personnel = -3;
                    log.Defect(relative, csv.NextRecordNumber, "出动人员", "negative personnel (-3)");
                }
                Row(csv, $"ZF{year}{++seq:D7}", units[u].Code, Domains[random.Next(Domains.Length)], opened,
                    closed.Year <= 2024 ? closed : null, joint, personnel, outcome, fine, whistle: joint && random.Next(4) == 0, slashed);
            }
        }
        log.Wrote(relative, csv.Rows);
    }

    private static void Row(CsvOut csv, string id, string code, string domain, DateOnly opened, DateOnly? closed,
        bool joint, int personnel, string outcome, int fine, bool whistle, bool slashed)
    {
        string Date(DateOnly d) => Timestamps.Date(d, slashed);
        csv.Raw(id).Raw(code).Field(domain).Raw(Date(opened)).Raw(closed is { } c ? Date(c) : "")
            .Field(RegionsWriter.YesNo(joint)).Field(personnel).Field(outcome).Field(fine).Field(RegionsWriter.YesNo(whistle));
        csv.EndRow();
    }
}
