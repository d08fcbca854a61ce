namespace Analytics.Generator;

internal static partial class SampleRegions
{
    /// <summary>The report does not name its three pilot towns; these three stand in for them.</summary>
    public static readonly string[] PingguPilots = ["峪口镇", "马坊镇", "金海湖镇"];

    private static void AddPinggu(RegionTree tree, Random random)
    {
        // Beijing has no city level: 平谷区 hangs directly under 北京市.
        tree.Add(new Region(Codes.Beijing, "北京市", Levels.Province, "", ""));
        var pinggu = County(tree, Codes.Beijing, "110117", "平谷区");
        string[] streets = ["滨河", "兴谷"];
        string[] towns = ["平谷", "峪口", "马坊", "金海湖", "东高村", "山东庄", "南独乐河", "大华山", "夏各庄", "马昌营", "王辛庄", "大兴庄", "刘家店", "镇罗营"];
        string[] xiangs = ["黄松峪", "熊儿寨"];
        for (var i = 0; i < streets.Length; i++)
        {
            Township(tree, random, pinggu, Levels.Street, i + 1, streets[i]);
        }
        for (var i = 0; i < towns.Length; i++)
        {
            Township(tree, random, pinggu, Levels.Town, i + 1, towns[i], pilot: PingguPilots.Contains(towns[i] + "镇"));
        }
        for (var i = 0; i < xiangs.Length; i++)
        {
            Township(tree, random, pinggu, Levels.Xiang, i + 1, xiangs[i]);
        }
    }
}
