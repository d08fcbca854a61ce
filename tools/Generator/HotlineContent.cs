namespace Analytics.Generator;

/// <summary>
/// Fake personal data for tickets: callers (a fixed pool, so some call again), phones and free text.
/// Nothing here is real; the warehouse must never expose these columns anyway.
/// </summary>
internal static class HotlineContent
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
    private static readonly string[] Given =
        ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
         "平", "刚", "桂英", "建华", "建国", "文", "红梅", "志强", "海燕", "玉兰", "小红", "国庆", "春梅", "立新", "晓东", "宏"];

    public static readonly string[] Categories = ["城市管理", "物业管理", "市场监管", "交通出行", "环境保护", "劳动社保", "住房建设", "供水供电", "噪音扰民", "其他"];

    private static readonly string[][] Issues =
    [
        ["小区门口有人占道经营", "路灯损坏多日无人维修", "垃圾清运不及时", "人行道被车辆占用"],
        ["物业不作为,楼道堆放杂物", "电梯经常故障", "物业费收取不透明", "小区绿化无人管理"],
        ["超市出售过期食品", "商家拒绝退换商品", "餐馆卫生条件差", "缺斤短两"],
        ["公交车晚点严重", "路口红绿灯时间过短", "道路坑洼积水", "出租车拒载"],
        ["工地扬尘严重", "河道有异味", "夜间焚烧垃圾", "餐饮油烟扰民"],
        ["单位拖欠工资", "社保缴纳有疑问", "劳动合同纠纷", "养老金领取问题"],
        ["房屋漏水无人处理", "违章搭建", "老旧小区改造进度慢", "房产证办理困难"],
        ["经常停水", "电压不稳", "暖气不热", "燃气表故障"],
        ["夜间施工噪音扰民", "广场舞音响过大", "商铺喇叭扰民", "楼上装修噪音"],
        ["咨询政策", "建议增设公共厕所", "反映流浪犬问题", "咨询办事流程"],
    ];

    public static int CallerPool(long tickets) => (int)Math.Max(2_000, tickets / 4);

    /// <summary>A caller index: a quarter of calls come from a small set of frequent callers.</summary>
    public static int Caller(Random random, int pool) =>
        random.Next(4) == 0 ? random.Next(Math.Max(1, pool / 50)) : random.Next(pool);

    public static string Name(int caller) =>
        string.Concat(Surnames[caller % Surnames.Length].ToString(), Given[caller / Surnames.Length % Given.Length]);

    /// <summary>An 11-digit mobile number unique to the caller (13/15/18 prefix).</summary>
    public static string Phone(int caller)
    {
        // Multiplying by an odd number not divisible by 5 is a bijection modulo 10^9.
        var digits = (long)caller * 2654435761L % 1_000_000_000L;
        var prefix = (caller % 3) switch { 0 => "13", 1 => "15", _ => "18" };
        return prefix + digits.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Free text; sometimes with commas, quotes or a line break, as real tickets have.</summary>
    public static string Content(Random random, int category)
    {
        var issue = Issues[category][random.Next(4)];
        return random.Next(100) switch
        {
            < 40 => $"来电反映{issue},希望尽快处理。",
            < 70 => $"市民称{issue},已多次反映未解决,要求相关部门处理",
            < 85 => $"来电人反映\"{issue}\"问题,请核实。",
            < 99 => $"反映{issue}。",
            _ => $"来电反映{issue}。\n补充:来电人要求回电说明处理结果。",
        };
    }
}
