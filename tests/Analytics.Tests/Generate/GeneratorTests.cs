using System.Text.Json;
using Analytics.Generator;

namespace Analytics.Tests.Generate;

public sealed class GeneratorTests : IClassFixture<GeneratedSet>
{
    private const string Baoji = "610300000000";
    private readonly string _dir;

    public GeneratorTests(GeneratedSet set) => _dir = set.Dir;

    private string P(string relative) => Path.Combine(_dir, relative);

    [Fact]
    public void Same_arguments_give_identical_csv_and_jsonl()
    {
        var second = Path.Combine(Path.GetTempPath(), "gen-again-" + Guid.NewGuid().ToString("N"));
        try
        {
            GenerateCommand.Generate(second, tickets: null, Seeds.Default);
            AssertSameTextFiles(_dir, second);
        }
        finally
        {
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void Writes_every_family()
    {
        Assert.True(File.Exists(P("regions.csv")));
        Assert.True(File.Exists(P("published/figures.csv")));
        Assert.Equal(15, Directory.GetFiles(P("reform"), "institutions_*.xlsx").Length);
        Assert.Equal(4, Directory.GetFiles(P("reform"), "devolved_powers_*.csv").Length);
        Assert.Equal(72, Directory.GetFiles(P("cases"), "hotline_*.csv*").Length);
        // Every month carries 宝鸡's and 平谷's townships at a real volume, so every month is gzipped.
        Assert.Equal(Enumerable.Range(0, 72).Select(i => $"hotline_{new DateTime(2019, 1, 1).AddMonths(i):yyyyMM}.csv.gz"),
            Directory.GetFiles(P("cases"), "hotline_*.csv.gz").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(7, Directory.GetFiles(P("cases"), "enforcement_*.csv").Length);
        Assert.Equal(11, Directory.GetFiles(P("staffing"), "staffing_*.xlsx").Length);
        Assert.True(File.Exists(P("grids/grids_宝鸡市.jsonl")));
        Assert.True(File.Exists(P("grids/grids_江西省.jsonl.gz")));
        Assert.True(File.Exists(P("grids/events_宝鸡市.jsonl")));
        // At least one export in GB18030: its bytes are not valid UTF-8.
        Assert.Contains(Directory.GetFiles(_dir, "*.csv", SearchOption.AllDirectories), IsNotUtf8);
    }

    [Fact]
    public void Ticket_count_scales_with_the_argument()
    {
        var small = Path.Combine(Path.GetTempPath(), "gen-small-" + Guid.NewGuid().ToString("N"));
        try
        {
            GenerateCommand.Generate(small, tickets: 5000, Seeds.Default);
            var rows = Directory.GetFiles(Path.Combine(small, "cases"), "hotline_*.csv").Sum(f => SampleFiles.Records(f).Count - 1);
            Assert.InRange(rows, 4950, 5050);
            var cases = Directory.GetFiles(Path.Combine(small, "cases"), "enforcement_20??.csv").Where(f => !f.EndsWith("2015.csv", StringComparison.Ordinal)).Sum(f => SampleFiles.Records(f).Count - 1);
            Assert.InRange(cases, 240, 260); // about one case per 20 tickets
        }
        finally
        {
            Directory.Delete(small, recursive: true);
        }
    }

    [Fact]
    public void Committed_samples_equal_a_fresh_default_run()
    {
        var committed = Analytics.Warehouse.WarehousePaths.DefaultSource;
        AssertSameTextFiles(committed, _dir);
        var workbooks = SampleFiles.Relative(_dir, ".xlsx").ToList();
        Assert.Equal(workbooks, SampleFiles.Relative(committed, ".xlsx"));
        foreach (var workbook in workbooks)
        {
            // Cells, shared strings and styles live under xl/; only package metadata (ids, dates) may differ.
            Assert.Equal(XlParts(Path.Combine(_dir, workbook)), XlParts(Path.Combine(committed, workbook)));
        }
    }

    private static Dictionary<string, string> XlParts(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    [Fact]
    public void Every_township_of_Baoji_and_Pinggu_gets_a_real_volume_in_every_month_so_a_year_on_year_change_compares_like_with_like()
    {
        var kind = SampleFiles.Rows(P("regions.csv")).Where(r => r["级别"] == "乡镇")
            .Where(r => r["区划代码"].StartsWith("6103", StringComparison.Ordinal) || r["区划代码"].StartsWith("110117", StringComparison.Ordinal))
            .ToDictionary(r => r["区划代码"], r => r["类型"]);
        Assert.Equal(116 + 18, kind.Count);
        var totals = new List<int>();
        foreach (var month in Enumerable.Range(0, 72).Select(i => new DateTime(2019, 1, 1).AddMonths(i)))
        {
            var perUnit = SampleFiles.Rows(P($"cases/hotline_{month:yyyyMM}.csv.gz"))
                .GroupBy(r => r["承办单位代码"]).ToDictionary(g => g.Key, g => g.Count());
            var streets = kind.Where(k => k.Value == "街道").Select(k => perUnit.GetValueOrDefault(k.Key)).ToList();
            var others = kind.Where(k => k.Value != "街道").Select(k => perUnit.GetValueOrDefault(k.Key)).ToList();
            Assert.All(streets, n => Assert.InRange(n, 100, 400));
            Assert.All(others, n => Assert.InRange(n, 40, 160));
            Assert.True(streets.Average() > 1.5 * others.Average(), $"{month:yyyy-MM}: streets {streets.Average():0} vs towns {others.Average():0}");
            if (month.Year >= 2023)
                Assert.True(streets.Average() >= 180, $"{month:yyyy-MM}: streets {streets.Average():0} a month, not hundreds");
            totals.Add(streets.Sum() + others.Sum());
        }
        // A 同比 of the townships' total stays within growth and noise, every month from 2020 on: no jump of regime.
        for (var m = 12; m < totals.Count; m++)
            Assert.InRange(totals[m] / (double)totals[m - 12], 0.95, 1.15);
    }

    [Fact]
    public void Baoji_has_99_towns_17_streets_and_188_communities()
    {
        var regions = SampleFiles.Rows(P("regions.csv"));
        var parent = regions.ToDictionary(r => r["区划代码"], r => r["上级代码"]);
        bool InBaoji(string code)
        {
            for (var c = parent[code]; c.Length > 0; c = parent[c])
            {
                if (c == Baoji) { return true; }
            }
            return false;
        }
        var baoji = regions.Where(r => InBaoji(r["区划代码"])).ToList();
        Assert.Equal(99, baoji.Count(r => r["级别"] == "乡镇" && r["类型"] == "镇"));
        Assert.Equal(17, baoji.Count(r => r["级别"] == "乡镇" && r["类型"] == "街道"));
        Assert.Equal(188, baoji.Count(r => r["级别"] == "村社区" && r["类型"] == "社区"));
        Assert.Equal(13, regions.Count(r => r["上级代码"] == "371300000000"));
    }

    [Fact]
    public void Baoji_latest_grid_snapshot_has_3061_grids_and_5578_members_covering_every_community()
    {
        var latest = File.ReadLines(P("grids/grids_宝鸡市.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(g => g.GetProperty("snapshot_date").GetString() == "2024-06-30" && g.GetProperty("status").GetString() == "active")
            .ToList();
        Assert.Equal(3061, latest.Count);
        Assert.Equal(5578, latest.Sum(g => g.GetProperty("members_full_time").GetInt32() + g.GetProperty("members_part_time").GetInt32()));
        Assert.Equal(188, latest.Select(g => g.GetProperty("community_code").GetString()).Distinct().Count());
    }

    [Fact]
    public void Jiangxi_reforms_integrate_18150_bodies_at_a_60_percent_rate()
    {
        var rows = Directory.GetFiles(P("reform"), "institutions_*.xlsx")
            .SelectMany(SampleFiles.Sheets)
            .Where(r => r.Row["区划代码"].StartsWith("36", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(1538, rows.Count);
        var before = rows.Sum(r => int.Parse(r.Row["改革前机构数"], System.Globalization.CultureInfo.InvariantCulture));
        var after = rows.Sum(r => int.Parse(r.Row["改革后机构数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(before - after, 18000, 18180); // "18000余", within +1%
        Assert.InRange((before - after) / (double)before, 0.598, 0.602);
    }

    [Fact]
    public void Baoji_staffing_has_57_teams_870_market_posts_413_service_posts_and_924_recruits()
    {
        var latest = SampleFiles.Sheets(P("staffing/staffing_2024.xlsx")).Select(r => r.Row)
            .Where(r => r["区划代码"].StartsWith("6103", StringComparison.Ordinal)).ToList();
        int Sum(IEnumerable<Dictionary<string, string>> rows, string column) => rows.Sum(r => int.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(57, latest.Where(r => r["单位名称"].EndsWith("综合行政执法队", StringComparison.Ordinal)).Select(r => r["单位编码"]).Distinct().Count());
        Assert.Equal(870, Sum(latest.Where(r => r["单位名称"].EndsWith("市场监管所", StringComparison.Ordinal)), "核定编制"));
        Assert.Equal(413, Sum(latest.Where(r => r["单位名称"].EndsWith("便民服务中心", StringComparison.Ordinal)), "核定编制"));
        var recruited = new[] { 2019, 2020, 2021 }
            .SelectMany(y => SampleFiles.Sheets(P($"staffing/staffing_{y}.xlsx")).Select(r => r.Row))
            .Where(r => r["区划代码"].StartsWith("6103", StringComparison.Ordinal));
        Assert.Equal(924, Sum(recruited, "当年招录"));
    }

    [Fact]
    public void Xiazhuang_has_36_joint_operations_with_just_over_200_personnel_times_in_2015()
    {
        var cases = SampleFiles.Rows(P("cases/enforcement_2015.csv")).Where(r => r["区划代码"] == "371122108000").ToList();
        Assert.Equal(36, cases.Count(r => r["是否联合执法"] == "是"));
        Assert.InRange(cases.Sum(r => int.Parse(r["出动人员"], System.Globalization.CultureInfo.InvariantCulture)), 200, 202);
    }

    [Fact]
    public void Published_figures_use_measure_ids_and_plain_values()
    {
        var figures = SampleFiles.Rows(P("published/figures.csv"));
        Assert.Equal(18, figures.Count);
        Assert.All(figures, f => Assert.True(double.TryParse(f["value"], System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.Contains(figures, f => f["indicator"] == "grid_count" && f["region_code"] == "360000000000" && f["value"] == "69000");
    }

    private static bool IsNotUtf8(string path)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            return false;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return true;
        }
    }

    private static void AssertSameTextFiles(string expectedDir, string actualDir)
    {
        string[] kinds = [".csv", ".csv.gz", ".jsonl", ".jsonl.gz"];
        var files = SampleFiles.Relative(expectedDir, kinds).ToList();
        Assert.Equal(files, SampleFiles.Relative(actualDir, kinds));
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(SampleFiles.Content(Path.Combine(expectedDir, file)).AsSpan()
                .SequenceEqual(SampleFiles.Content(Path.Combine(actualDir, file))), $"{file} differs");
        }
    }
}
