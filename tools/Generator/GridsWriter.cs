namespace Analytics.Generator;

/// <summary>
/// grids/grids_&lt;area&gt;.jsonl: grid platform snapshots. 宝鸡 (report 000): 188 communities all covered,
/// 3,061 active grids and 5,578 members on 2024-06-30, a slightly smaller 2023-12-31 snapshot, and a few
/// grids retired since (inactive, no members). 江西 (report 003): 69,000 grids, 70,400 members ("7万余").
/// </summary>
internal static class GridsWriter
{
    public const int BaojiGrids = 3061;
    public const int BaojiMembers = 5578;
    public const int JiangxiGrids = 69_000;
    public const int JiangxiMembers = 70_400;

    public const string Latest = "2024-06-30";
    public const string Earlier = "2023-12-31";

    private const int BaojiRetired = 23;

    /// <summary>Writes both areas; returns 宝鸡's active grid codes, which the event writer needs.</summary>
    public static List<string> Write(RegionTree tree, int seed, WriteLog log)
    {
        var random = Seeds.For(seed, "grids");
        var baoji = Baoji(tree, random, log);
        Jiangxi(tree, random, log);
        return baoji;
    }

    private sealed record Grid(string Code, string Name, Region Community, int FullTime, int PartTime, int Households, int Population);

    private static List<string> Baoji(RegionTree tree, Random random, WriteLog log)
    {
        var communities = tree.Descendants(Codes.Baoji).Where(r => r.Kind == Levels.Community).ToList();
        var perCommunity = Apportion.Uneven(BaojiGrids, communities.Count, random);
        var members = Apportion.Uneven(BaojiMembers, BaojiGrids, random);
        var grids = new List<Grid>(BaojiGrids);
        var retired = new List<Grid>();
        var g = 0;
        for (var c = 0; c < communities.Count; c++)
        {
            var community = communities[c];
            for (var i = 0; i < perCommunity[c]; i++, g++)
            {
                grids.Add(MakeGrid(community, i, perCommunity[c], members[g], random));
            }
            // The first 23 communities each retired one grid before mid-2024.
            if (c < BaojiRetired)
            {
                retired.Add(MakeGrid(community, perCommunity[c], perCommunity[c] + 1, 1, random));
            }
        }

        const string file = "grids/grids_宝鸡市.jsonl";
        using var lines = new JsonLines(log.PathOf(file), gzip: false);
        // Earlier snapshot: the last grid of every fifth community did not exist yet, a few members were missing,
        // and the retired grids were still active.
        var newest = new HashSet<string>();
        for (var c = 0; c < communities.Count; c += 5)
        {
            newest.Add(grids.Last(x => x.Community == communities[c]).Code);
        }
        var byCode = grids.Concat(retired).OrderBy(x => x.Code, StringComparer.Ordinal).ToList();
        foreach (var grid in byCode)
        {
            if (newest.Contains(grid.Code))
            {
                continue;
            }
            var partTime = grid.PartTime > 0 && random.Next(20) == 0 ? grid.PartTime - 1 : grid.PartTime;
            Line(lines, grid, Earlier, grid.FullTime, partTime, active: true);
        }
        var retiredCodes = retired.Select(x => x.Code).ToHashSet();
        foreach (var grid in byCode)
        {
            var active = !retiredCodes.Contains(grid.Code);
            Line(lines, grid, Latest, active ? grid.FullTime : 0, active ? grid.PartTime : 0, active);
        }
        log.Wrote(file, lines.Rows);
        return grids.Select(x => x.Code).ToList();
    }

    private static void Jiangxi(RegionTree tree, Random random, WriteLog log)
    {
        var units = tree.Descendants(Codes.Jiangxi).Where(r => r.Level == Levels.Village).ToList();
        // Communities are denser than villages and get more grids.
        var perUnit = Apportion.Split(JiangxiGrids, units.Select(u => (u.Kind == Levels.Community ? 2.0 : 1.0) * (0.7 + random.NextDouble() * 0.6)).ToArray());
        // Every grid has one member; 1,400 grids (chosen by selection sampling, so nothing is held) have two.
        var extraLeft = JiangxiMembers - JiangxiGrids;
        var gridsLeft = JiangxiGrids;

        const string file = "grids/grids_江西省.jsonl.gz";
        using var lines = new JsonLines(log.PathOf(file), gzip: true);
        for (var u = 0; u < units.Count; u++)
        {
            for (var i = 0; i < perUnit[u]; i++)
            {
                var two = random.Next(gridsLeft) < extraLeft;
                if (two)
                {
                    extraLeft--;
                }
                gridsLeft--;
                var grid = MakeGrid(units[u], i, perUnit[u], two ? 2 : 1, random);
                Line(lines, grid, Latest, grid.FullTime, grid.PartTime, active: true);
            }
        }
        log.Wrote(file, lines.Rows);
    }

    private static Grid MakeGrid(Region community, int index, int gridsInCommunity, int members, Random random)
    {
        var population = (int)Math.Max(50, community.Population / Math.Max(1, gridsInCommunity) * (0.8 + random.NextDouble() * 0.4));
        var fullTime = Math.Min(members, 1);
        return new Grid(community.Code + (index + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            $"{community.Name}第{index + 1}网格", community, fullTime, members - fullTime, population * 10 / 28, population);
    }

    private static void Line(JsonLines lines, Grid grid, string snapshot, int fullTime, int partTime, bool active) =>
        lines.Begin()
            .Str("grid_code", grid.Code).Str("grid_name", grid.Name).Str("community_code", grid.Community.Code)
            .Str("snapshot_date", snapshot).Num("members_full_time", fullTime).Num("members_part_time", partTime)
            .Num("households", grid.Households).Num("population", grid.Population).Str("status", active ? "active" : "inactive")
            .End();
}
