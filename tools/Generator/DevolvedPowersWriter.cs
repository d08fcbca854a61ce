namespace Analytics.Generator;

/// <summary>
/// reform/devolved_powers_&lt;area&gt;.csv: one row per item devolved to one township. Item codes are unique per
/// township except the 江西 provincial catalogue, which every township shares (that is what a catalogue is).
/// </summary>
internal static class DevolvedPowersWriter
{
    // Report 000: 161 items from 12 departments to 柳林镇 (凤翔区) and 汤峪镇 (眉县). Report 001: 兰山区 135.
    // Report 003: developed towns 138 each, a 98-item catalogue. Report 004: 夏庄镇 76 items from 15 departments.
    public const int BaojiItems = 161;
    public const int LanshanItems = 135;
    public const int JiangxiDevelopedItems = 138;
    public const int JiangxiCatalogue = 98;
    public const int XiazhuangItems = 76;

    private static readonly string[] Header = ["区划代码", "事项编码", "事项名称", "来源部门", "赋权方式", "赋权日期", "目录"];

    private sealed record Item(string Code, string Name, string Department);

    public static void Write(RegionTree tree, int seed, WriteLog log)
    {
        var random = Seeds.For(seed, "devolved");
        Baoji(tree, random, log);
        Linyi(tree, random, log);
        Rizhao(tree, random, log);
        Jiangxi(tree, random, log);
    }

    private static void Baoji(RegionTree tree, Random random, WriteLog log)
    {
        const string file = "reform/devolved_powers_宝鸡市.csv";
        using var csv = new CsvOut(log.PathOf(file), ExportEncoding.Utf8Bom, Header);
        var liulin = tree.ByName(Codes.Fengxiang, "柳林镇");
        var tangyu = tree.ByName(Codes.Meixian, "汤峪镇");
        // Six departments in each county: 12 distinct department names in all.
        int[] fengxiangDepartments = [1, 2, 3, 5, 6, 7];
        int[] meixianDepartments = [1, 2, 7, 8, 12, 14];
        var counts = Apportion.Split(BaojiItems, [85, 76]);
        string[] methods = ["交办", "委托", "授权"];
        foreach (var (town, departments, count) in new[] { (liulin, fengxiangDepartments, counts[0]), (tangyu, meixianDepartments, counts[1]) })
        {
            var county = tree.CountyOf(town).Name;
            var items = Items(town, departments, count, county);
            foreach (var item in items)
            {
                Row(csv, town, item, methods[random.Next(methods.Length)], new DateOnly(2020, 1, 1).AddDays(random.Next(0, 366)), "一镇一目录");
            }
        }
        log.Wrote(file, csv.Rows);
    }

    private static void Linyi(RegionTree tree, Random random, WriteLog log)
    {
        // GB18030: what Excel on a Chinese Windows writes when the office saves a CSV.
        const string file = "reform/devolved_powers_临沂市.csv";
        using var csv = new CsvOut(log.PathOf(file), ExportEncoding.Gb18030, Header);
        var lanshan = tree.Townships(Codes.Lanshan).ToList();
        var counts = Apportion.Uneven(LanshanItems, lanshan.Count, random);
        for (var i = 0; i < lanshan.Count; i++)
        {
            foreach (var item in Items(lanshan[i], [1, 5, 9, 10, 11, 13], counts[i], "兰山区"))
            {
                Row(csv, lanshan[i], item, "下放", new DateOnly(2021, 3, 1).AddDays(random.Next(0, 200)), "其他");
            }
        }
        // A few items in 罗庄区 streets too, so 兰山区 is not the whole city.
        foreach (var street in tree.Townships("371311000000").Where(t => t.IsStreet))
        {
            foreach (var item in Items(street, [1, 5, 13], random.Next(8, 15), "罗庄区"))
            {
                Row(csv, street, item, "委托", new DateOnly(2021, 6, 1).AddDays(random.Next(0, 150)), "其他");
            }
        }
        log.Wrote(file, csv.Rows);
    }

    private static void Rizhao(RegionTree tree, Random random, WriteLog log)
    {
        const string file = "reform/devolved_powers_日照市.csv";
        using var csv = new CsvOut(log.PathOf(file), ExportEncoding.Utf8, Header);
        var xiazhuang = tree[Codes.Xiazhuang];
        foreach (var item in Items(xiazhuang, Enumerable.Range(0, Departments.All.Length).ToArray(), XiazhuangItems, "莒县"))
        {
            Row(csv, xiazhuang, item, "下放", new DateOnly(2015, 1, 1).AddDays(random.Next(0, 180)), "一镇一目录");
        }
        log.Wrote(file, csv.Rows);
    }

    private static void Jiangxi(RegionTree tree, Random random, WriteLog log)
    {
        const string file = "reform/devolved_powers_江西省.csv";
        using var csv = new CsvOut(log.PathOf(file), ExportEncoding.Utf8Bom, Header);
        string[] methods = ["委托", "授权", "下放"];
        // The provincial catalogue: shared codes; the department is the township's own county's.
        var catalogue = Enumerable.Range(0, JiangxiCatalogue)
            .Select(i => (Code: $"JX-SJML-{i + 1:D3}", Department: i % Departments.All.Length, Name: Departments.ItemName(i % Departments.All.Length, i / Departments.All.Length)))
            .ToArray();
        foreach (var t in tree.Townships(Codes.Jiangxi))
        {
            var county = tree.CountyOf(t).Name;
            if (t.Developed)
            {
                // Developed towns: the whole catalogue plus 40 items of their own, 138 in all, in 2019.
                foreach (var c in catalogue)
                {
                    Row(csv, t, new Item(c.Code, c.Name, county + Departments.All[c.Department].Name), methods[random.Next(3)],
                        new DateOnly(2019, 4, 1).AddDays(random.Next(0, 200)), "省级目录");
                }
                foreach (var item in Items(t, [0, 1, 2, 4, 5, 7], JiangxiDevelopedItems - JiangxiCatalogue, county))
                {
                    Row(csv, t, item, methods[random.Next(3)], new DateOnly(2019, 4, 1).AddDays(random.Next(0, 200)), "一镇一目录");
                }
                continue;
            }
            // Other townships claim a subset of the catalogue ("看单点菜").
            var claimed = random.Next(5, 31);
            foreach (var c in catalogue.OrderBy(_ => random.Next()).Take(claimed).OrderBy(c => c.Code, StringComparer.Ordinal))
            {
                Row(csv, t, new Item(c.Code, c.Name, county + Departments.All[c.Department].Name), methods[random.Next(3)],
                    new DateOnly(2020, 1, 1).AddDays(random.Next(0, 700)), "省级目录");
            }
        }
        log.Wrote(file, csv.Rows);
    }

    /// <summary>Items of one township's own list, spread over the given departments, codes unique to the township.</summary>
    private static List<Item> Items(Region township, int[] departments, int count, string countyName)
    {
        var perDepartment = Apportion.Split(count, departments.Select(_ => 1.0).ToArray());
        var items = new List<Item>(count);
        for (var d = 0; d < departments.Length; d++)
        {
            for (var k = 0; k < perDepartment[d]; k++)
            {
                items.Add(new Item($"{township.Code[..9]}-{departments[d] + 1:D2}{k + 1:D3}",
                    Departments.ItemName(departments[d], k), countyName + Departments.All[departments[d]].Name));
            }
        }
        return items;
    }

    private static void Row(CsvOut csv, Region township, Item item, string method, DateOnly date, string catalogue)
    {
        csv.Raw(township.Code).Raw(item.Code).Field(item.Name).Field(item.Department).Field(method)
            .Raw(Timestamps.Date(date, slashed: false)).Field(catalogue);
        csv.EndRow();
    }
}
