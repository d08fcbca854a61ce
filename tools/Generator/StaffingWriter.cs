namespace Analytics.Generator;

/// <summary>
/// staffing/staffing_YYYY.xlsx, one sheet per county. Reproduces report 000 (宝鸡: 57 综合行政执法队, 市场监管所
/// 870 posts, 便民服务中心 413 posts, 924 recruited in 2019-2021) and report 004 (夏庄镇: +5 administrative and
/// +6 public-institution posts from 2014 to 2015, 15 recruited in those two years).
/// </summary>
internal static class StaffingWriter
{
    public const int BaojiTeams = 57;
    public const int BaojiMarketPosts = 870;
    public const int BaojiServicePosts = 413;
    public const int BaojiRecruited2019To2021 = 924;

    private static readonly string[] Header = ["单位编码", "单位名称", "区划代码", "单位类别", "编制类型", "年度", "核定编制", "实有人数", "当年招录", "下沉编制"];

    // The six domains whose teams 宝鸡 merged into 57 county teams (report 000).
    private static readonly string[] TeamDomains = ["市场监管", "文化市场", "交通运输", "农业", "生态环境保护", "应急管理"];

    private sealed record Unit(string Code, string Name, string RegionCode, string Kind, string PostKind, string County);

    private sealed record Row(Unit Unit, int Year, int Approved, int Actual, int Recruited, int MovedDown);

    public static void Write(RegionTree tree, int seed, WriteLog log)
    {
        var random = Seeds.For(seed, "staffing");
        var rows = new List<Row>();
        rows.AddRange(Baoji(tree, random));
        rows.AddRange(Xiazhuang(tree, random));
        rows.AddRange(Pinggu(tree, random));
        foreach (var year in rows.GroupBy(r => r.Year).OrderBy(g => g.Key))
        {
            var relative = $"staffing/staffing_{year.Key}.xlsx";
            using var workbook = Workbooks.Create();
            foreach (var county in year.GroupBy(r => r.Unit.County))
            {
                var sheet = Workbooks.Sheet(workbook, county.Key, Header);
                var r = 2;
                foreach (var row in county)
                {
                    Workbooks.Text(sheet.Cell(r, 1), row.Unit.Code);
                    sheet.Cell(r, 2).SetValue(row.Unit.Name);
                    Workbooks.Text(sheet.Cell(r, 3), row.Unit.RegionCode);
                    sheet.Cell(r, 4).SetValue(row.Unit.Kind);
                    sheet.Cell(r, 5).SetValue(row.Unit.PostKind);
                    Workbooks.Number(sheet.Cell(r, 6), row.Year);
                    Workbooks.Number(sheet.Cell(r, 7), row.Approved);
                    Workbooks.Number(sheet.Cell(r, 8), row.Actual);
                    Workbooks.Number(sheet.Cell(r, 9), row.Recruited);
                    Workbooks.Number(sheet.Cell(r, 10), row.MovedDown);
                    r++;
                }
            }
            Workbooks.Save(workbook, log.PathOf(relative));
            log.Wrote(relative, year.Count());
        }
    }

    /// <summary>Mostly a few posts vacant; now and then one over (people awaiting transfer).</summary>
    private static int Actual(Random random, int approved) =>
        random.Next(20) == 0 ? approved + 1 : Math.Max(0, approved - random.Next(0, 3));

    private static IEnumerable<Row> Baoji(RegionTree tree, Random random)
    {
        var townships = tree.Townships(Codes.Baoji).ToList();
        var counties = tree.Children(Codes.Baoji).ToList();
        var units = new List<(Unit Unit, int Approved)>();
        var market = Apportion.Uneven(BaojiMarketPosts, townships.Count, random);
        var service = Apportion.Uneven(BaojiServicePosts, townships.Count, random);
        var offices = new List<Unit>();
        for (var i = 0; i < townships.Count; i++)
        {
            var t = townships[i];
            var county = tree.CountyOf(t).Name;
            var office = new Unit(t.Code + "01", $"{county}{t.Name}党政办公室", t.Code, "党政机构", "行政编制", county);
            offices.Add(office);
            units.Add((office, random.Next(16, 30)));
            units.Add((new Unit(t.Code + "02", $"{county}{t.Name}便民服务中心", t.Code, "事业单位", "事业编制", county), service[i]));
            units.Add((new Unit(t.Code + "03", $"{county}{t.Name}市场监管所", t.Code, "派驻机构", "行政编制", county), market[i]));
        }
        // 57 county-level teams: each county keeps a subset of the six domains.
        var teams = Apportion.Split(BaojiTeams, counties.Select(c => c.Name.EndsWith('区') ? 6.0 : 4.5).ToArray());
        for (var c = 0; c < counties.Count; c++)
        {
            for (var k = 0; k < teams[c]; k++)
            {
                units.Add((new Unit($"{counties[c].Code}{k + 11:D2}", $"{counties[c].Name}{TeamDomains[k]}综合行政执法队", counties[c].Code,
                    "事业单位", "事业编制", counties[c].Name), random.Next(12, 40)));
            }
        }

        var recruitedByYear = Apportion.Split(BaojiRecruited2019To2021, [300, 310, 314]);
        for (var year = 2019; year <= 2024; year++)
        {
            // 2019-2021 recruits go to the townships' party-government offices only, so the total is exact.
            var recruits = year <= 2021 ? Apportion.Uneven(recruitedByYear[year - 2019], offices.Count, random) : null;
            var o = 0;
            foreach (var (unit, approved) in units)
            {
                var isOffice = unit.Name.EndsWith("党政办公室", StringComparison.Ordinal);
                var recruited = recruits is not null ? (isOffice ? recruits[o++] : 0) : random.Next(0, isOffice ? 4 : 2);
                yield return new Row(unit, year, approved, Actual(random, approved), recruited, isOffice ? random.Next(0, 3) : 0);
            }
        }
    }

    private static IEnumerable<Row> Xiazhuang(RegionTree tree, Random random)
    {
        var t = tree[Codes.Xiazhuang];
        const string county = "莒县";
        Unit U(string suffix, string name, string kind, string post) => new(t.Code + suffix, "莒县夏庄镇" + name, t.Code, kind, post, county);
        // 2014 approved, 2015 approved: administrative +5 (3+1+1), public-institution +6 (4+2); the 派驻 office is unchanged.
        var plan = new (Unit Unit, int Posts2014, int Posts2015, int Recruited2014, int Recruited2015)[]
        {
            (U("01", "党政办公室", "党政机构", "行政编制"), 20, 23, 3, 3),
            (U("04", "经济发展办公室", "党政机构", "行政编制"), 12, 13, 1, 2),
            (U("05", "社会事务办公室", "党政机构", "行政编制"), 10, 11, 1, 1),
            (U("02", "便民服务中心", "事业单位", "事业编制"), 10, 14, 1, 1),
            (U("06", "农业综合服务中心", "事业单位", "事业编制"), 8, 10, 1, 1),
            (U("03", "市场监管所", "派驻机构", "行政编制"), 8, 8, 0, 0),
        };
        for (var year = 2014; year <= 2024; year++)
        {
            foreach (var (unit, p2014, p2015, r2014, r2015) in plan)
            {
                var approved = year == 2014 ? p2014 : p2015;
                var recruited = year switch { 2014 => r2014, 2015 => r2015, _ => random.Next(0, 2) };
                yield return new Row(unit, year, approved, Actual(random, approved), recruited, 0);
            }
        }
    }

    private static IEnumerable<Row> Pinggu(RegionTree tree, Random random)
    {
        var units = new List<(Unit Unit, int Approved)>();
        foreach (var t in tree.Townships(Codes.Pinggu))
        {
            units.Add((new Unit(t.Code + "01", $"平谷区{t.Name}党政办公室", t.Code, "党政机构", "行政编制", "平谷区"), random.Next(18, 32)));
            units.Add((new Unit(t.Code + "07", $"平谷区{t.Name}综合保障中心", t.Code, "事业单位", "事业编制", "平谷区"), random.Next(10, 25)));
        }
        // Pilot towns' service centres received posts moved down from district departments in 2020 (report 002).
        var movedDown = units.ToDictionary(u => u.Unit, u => tree[u.Unit.RegionCode].Pilot && u.Unit.Kind == "事业单位" ? random.Next(3, 8) : 0);
        for (var year = 2019; year <= 2024; year++)
        {
            foreach (var (unit, approved) in units)
            {
                var posts = approved + (year >= 2020 ? movedDown[unit] : 0);
                yield return new Row(unit, year, posts, Actual(random, posts), random.Next(0, 3), year == 2020 ? movedDown[unit] : 0);
            }
        }
    }
}
