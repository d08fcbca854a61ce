namespace Analytics.Generator;

/// <summary>
/// Builds the region tree of the five reports' places. Real province, city and county codes where known;
/// township and village codes are synthetic sequences under their county (streets 0xx, towns 1xx, 乡 2xx,
/// as the statistical codes do). Each area lives in its own partial file.
/// </summary>
internal static partial class SampleRegions
{
    public static RegionTree Build(int seed)
    {
        var tree = new RegionTree();
        var random = Seeds.For(seed, "regions");
        var names = new NameMaker(random);
        AddBaoji(tree, random, names);
        AddShandong(tree, random, names);
        AddPinggu(tree, random);
        AddJiangxi(tree, random, names);
        tree.RollUpSizes();
        return tree;
    }

    private static Region County(RegionTree tree, string parent, string code6, string name) =>
        tree.Add(new Region(code6 + "000000", name, Levels.County, "", parent));

    /// <summary>Adds a township with a plausible size; the kind decides the sequence block of its code.</summary>
    private static Region Township(RegionTree tree, Random random, Region county, string kind, int sequence, string name,
        bool developed = false, bool pilot = false)
    {
        var block = kind switch { Levels.Street => 0, Levels.Town => 100, _ => 200 };
        var code = Codes.Make(county.Code[..6], block + sequence);
        var suffixed = name.EndsWith(kind, StringComparison.Ordinal) ? name : name + kind;
        var region = tree.Add(new Region(code, suffixed, Levels.Township, kind, county.Code, developed, pilot));
        var street = kind == Levels.Street;
        region.Population = random.Next(street ? 30_000 : 8_000, street ? 90_000 : 45_000);
        region.Area = Math.Round((decimal)(street ? 3 + random.NextDouble() * 20 : 40 + random.NextDouble() * 160), 1);
        return region;
    }

    /// <summary>Adds communities (社区) then villages (村) under a township, with synthetic names.</summary>
    private static void Villages(RegionTree tree, Random random, NameMaker names, Region township, int communities, int villages)
    {
        var taken = new HashSet<string>();
        for (var i = 0; i < communities + villages; i++)
        {
            var community = i < communities;
            // Real codes put communities in 0xx and villages in 2xx.
            var sequence = community ? i + 1 : 200 + i - communities + 1;
            var kind = community ? Levels.Community : Levels.VillageKind;
            var region = tree.Add(new Region(Codes.Make(township.Code[..6], int.Parse(township.Code[6..9]), sequence),
                names.Next(taken) + kind, Levels.Village, kind, township.Code));
            region.Population = random.Next(community ? 2_000 : 600, community ? 9_000 : 3_000);
            region.Area = Math.Round((decimal)(community ? 0.3 + random.NextDouble() * 2 : 2 + random.NextDouble() * 10), 1);
        }
    }
}
