namespace Analytics.Generator;

/// <summary>A township that receives tickets and cases, with the county name its departments carry.</summary>
internal sealed record CaseUnit(string Code, string CountyName, double Weight);

/// <summary>
/// Which townships receive hotline tickets and enforcement cases. The sample set keeps to the report's
/// street-level units (宝鸡 and 临沂 streets, all of 平谷, 夏庄镇); at large scale every township of every sample
/// region takes part, so each unit still gets a realistic monthly volume.
/// </summary>
internal static class CaseUnits
{
    /// <summary>Above this many tickets the generator spreads them over all ~1,700 townships.</summary>
    public const long AllTownshipsFrom = 500_000;

    public static List<CaseUnit> Pick(RegionTree tree, long tickets, int seed)
    {
        var random = Seeds.For(seed, "units");
        IEnumerable<Region> townships = tickets >= AllTownshipsFrom
            ? tree.All.Where(r => r.IsTownship)
            : tree.Townships(Codes.Baoji).Where(t => t.IsStreet)
                .Concat(tree.Townships(Codes.Linyi).Where(t => t.IsStreet))
                .Concat(tree.Townships(Codes.Pinggu))
                .Append(tree[Codes.Xiazhuang]);
        // Streets are busier than towns; each unit also gets its own size.
        return townships
            .Select(t => new CaseUnit(t.Code, tree.CountyOf(t).Name, (t.IsStreet ? 1.0 : 0.6) * (0.7 + random.NextDouble() * 0.6)))
            .ToList();
    }

    /// <summary>
    /// The townships whose rates the reports compare (every 乡镇 and 街道 of 宝鸡市 and 平谷区). In every month of the
    /// sample set each gets the volume a real township has, so its monthly rates are not decided by one ticket, and a
    /// 同比 compares a month with a year before of the same kind. Weight is the unit's typical tickets a month: streets
    /// <see cref="StreetVolume"/>, towns and 乡 <see cref="TownVolume"/>.
    /// </summary>
    public static List<CaseUnit> Dense(RegionTree tree, int seed)
    {
        var random = Seeds.For(seed, "dense-units");
        return tree.Townships(Codes.Baoji).Concat(tree.Townships(Codes.Pinggu))
            .Select(t =>
            {
                var (low, high) = t.IsStreet ? StreetVolume : TownVolume;
                return new CaseUnit(t.Code, tree.CountyOf(t).Name, low + random.NextDouble() * (high - low));
            })
            .ToList();
    }

    /// <summary>
    /// Typical tickets a month of a street and of a town (before season and noise): six years of them stay about
    /// 40 MB gzipped, the price of a consistent history.
    /// </summary>
    public static readonly (int Low, int High) StreetVolume = (150, 250), TownVolume = (60, 100);
}
