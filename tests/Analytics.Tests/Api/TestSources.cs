using System.Globalization;
using System.Text;

namespace Analytics.Tests.Api;

/// <summary>
/// A small source folder in the layouts of docs/domain/sources.md, written by the tests themselves, with the rows kept in
/// memory so the tests can compute expected measures independently of the warehouse SQL.
/// </summary>
public sealed class TestSources
{
    public const string Province = "610000000000";
    public const string Baoji = "610300000000";
    public const string Xian = "610100000000";
    public const string Qishan = "610323000000";
    public const string Fufeng = "610324000000";
    public const string Xincheng = "610102000000";
    public const string Caijiapo = "610323101000";
    public const string Yidian = "610323102000";
    public const string Chengguan = "610324100000";
    public const string Xiyilu = "610102001000";

    public sealed record RegionRow(string Code, string Name, string Level, string Kind, string? Parent);

    public sealed record Ticket(string Id, string Township, DateTime Received, DateTime Dispatched, DateTime? FirstContact,
        string Resolved, string Satisfaction, bool Whistle);

    public static IReadOnlyList<RegionRow> Regions { get; } =
    [
        new(Province, "陕西省", "省", "", null),
        new(Baoji, "宝鸡市", "市", "", Province),
        new(Xian, "西安市", "市", "", Province),
        new(Qishan, "岐山县", "县", "", Baoji),
        new(Fufeng, "扶风县", "县", "", Baoji),
        new(Xincheng, "新城区", "县", "", Xian),
        new(Caijiapo, "蔡家坡镇", "乡镇", "镇", Qishan),
        new(Yidian, "益店镇", "乡镇", "镇", Qishan),
        new(Chengguan, "城关街道", "乡镇", "街道", Fufeng),
        new(Xiyilu, "西一路街道", "乡镇", "街道", Xincheng),
        new(Caijiapo[..9] + "001", "蔡家坡社区", "村社区", "社区", Caijiapo),
        new(Yidian[..9] + "001", "益店村", "村社区", "村", Yidian),
        new(Chengguan[..9] + "001", "城关社区", "村社区", "社区", Chengguan),
        new(Xiyilu[..9] + "001", "西一路社区", "村社区", "社区", Xiyilu),
    ];

    public static IReadOnlyList<string> Townships { get; } = [Caijiapo, Yidian, Chengguan, Xiyilu];

    public List<Ticket> Tickets { get; } = [];

    /// <summary>Writes the folder; <paramref name="months"/> of tickets from January 2024.</summary>
    public static TestSources Write(string folder, int months = 3, int seed = 7)
    {
        var sources = new TestSources();
        Directory.CreateDirectory(Path.Combine(folder, "cases"));
        Directory.CreateDirectory(Path.Combine(folder, "grids"));
        Directory.CreateDirectory(Path.Combine(folder, "reform"));
        var regions = new StringBuilder("区划代码,名称,级别,类型,上级代码,常住人口,面积(平方公里),经济发达镇,改革试点\n");
        foreach (var r in Regions)
            regions.Append(CultureInfo.InvariantCulture, $"{r.Code},{r.Name},{r.Level},{r.Kind},{r.Parent},1000,10.5,{(r.Code == Caijiapo ? "是" : "否")},否\n");
        File.WriteAllText(Path.Combine(folder, "regions.csv"), regions.ToString());

        var random = new Random(seed);
        for (var month = 1; month <= months; month++)
            sources.WriteTickets(folder, 2024, month, random);

        var cases = new StringBuilder("案件编号,区划代码,执法领域,立案日期,结案日期,是否联合执法,出动人员,处置结果,罚没金额(元),是否吹哨\n");
        var n = 0;
        foreach (var township in Townships)
        {
            for (var i = 0; i < 3; i++)
                cases.Append(CultureInfo.InvariantCulture, $"C{++n},{township},市场监管,2024-0{1 + i}-10,2024-0{1 + i}-20,{(i == 0 ? "是" : "否")},{2 + i},处罚,100,否\n");
        }
        File.WriteAllText(Path.Combine(folder, "cases", "enforcement_2024.csv"), cases.ToString());

        var grids = new StringBuilder();
        var events = new StringBuilder();
        foreach (var community in Regions.Where(r => r.Level == "村社区"))
        {
            var grid = community.Code + "001";
            grids.Append(CultureInfo.InvariantCulture, $$"""{"grid_code":"{{grid}}","grid_name":"一网格","community_code":"{{community.Code}}","snapshot_date":"2024-03-31","members_full_time":1,"members_part_time":2,"households":100,"population":300,"status":"active"}""").Append('\n');
            events.Append(CultureInfo.InvariantCulture, $$"""{"event_id":"E{{grid}}","grid_code":"{{grid}}","category":"环境","reported_at":"2024-02-01 09:00:00","dispatched_at":"2024-02-01 10:00:00","closed_at":"2024-02-02 10:00:00","status":"closed","source":"patrol"}""").Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, "grids", "grids_2024.jsonl"), grids.ToString());
        File.WriteAllText(Path.Combine(folder, "grids", "events_2024.jsonl"), events.ToString());

        var powers = new StringBuilder("区划代码,事项编码,事项名称,来源部门,赋权方式,赋权日期,目录\n");
        foreach (var township in Townships)
        {
            for (var i = 0; i < 4; i++)
                powers.Append(CultureInfo.InvariantCulture, $"{township},P{i},事项{i},{(i % 2 == 0 ? "县市场监管局" : "县农业农村局")},委托,2024-01-15,省级目录\n");
        }
        File.WriteAllText(Path.Combine(folder, "reform", "devolved_powers_2024.csv"), powers.ToString());
        return sources;
    }

    /// <summary>Adds one month of tickets (hotline_YYYYMM.csv) to the folder.</summary>
    public void WriteTickets(string folder, int year, int month, Random random)
    {
        string[] resolutions = ["已解决", "已解决", "已解决", "未解决", "未回访"];
        string[] satisfactions = ["满意", "满意", "基本满意", "不满意", "未回访"];
        var csv = new StringBuilder("工单编号,来电时间,诉求人,联系电话,诉求内容,诉求类别,承办单位代码,派单时间,首次联系时间,办结时间,是否解决,满意度,是否吹哨,报到部门\n");
        foreach (var township in Townships)
        {
            var count = 5 + random.Next(10);
            for (var i = 0; i < count; i++)
            {
                var received = new DateTime(year, month, 1 + random.Next(27), 8 + random.Next(10), 0, 0, DateTimeKind.Unspecified);
                var dispatched = received.AddHours(1);
                DateTime? contact = random.Next(6) == 0 ? null : dispatched.AddHours(random.Next(40));
                var ticket = new Ticket($"T{year}{month:00}-{township[6..9]}-{i}", township, received, dispatched, contact,
                    resolutions[random.Next(resolutions.Length)], satisfactions[random.Next(satisfactions.Length)], random.Next(4) == 0);
                Tickets.Add(ticket);
                csv.Append(CultureInfo.InvariantCulture,
                    $"{ticket.Id},{received:yyyy-MM-dd HH:mm:ss},张三,1380000{i:0000},\"内容, 含逗号\",市政,{township},{dispatched:yyyy-MM-dd HH:mm:ss},{contact:yyyy-MM-dd HH:mm:ss},,{ticket.Resolved},{ticket.Satisfaction},{(ticket.Whistle ? "是" : "否")},\n");
            }
        }
        File.WriteAllText(Path.Combine(folder, "cases", $"hotline_{year}{month:00}.csv"), csv.ToString());
    }

    /// <summary>The townships below <paramref name="region"/> (itself included when it is one).</summary>
    public static IReadOnlySet<string> TownshipsUnder(string region)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in Townships)
        {
            for (var code = t; code is not null; code = Regions.Single(r => r.Code == code).Parent)
            {
                if (code == region)
                    result.Add(t);
            }
        }
        return result;
    }
}
