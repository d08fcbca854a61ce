using Analytics.Api.Data;

namespace Analytics.Api.Queries;

/// <summary>The region levels, top down, as dim_region's level_en names them, and how reports name them in Chinese.</summary>
public static class Levels
{
    public static readonly string[] All = ["province", "city", "county", "township", "community"];

    /// <summary>The level below a region's (its LevelRank is 1 for a province), e.g. county for a city; null for a community.</summary>
    public static string? Below(Region r) => r.LevelRank < All.Length ? All[r.LevelRank] : null;

    /// <summary>The level <paramref name="steps"/> below a region's, or null past the bottom.</summary>
    public static string? Below(Region r, int steps) => r.LevelRank + steps - 1 < All.Length ? All[r.LevelRank + steps - 1] : null;

    public static string Zh(string level) => level switch
    {
        "province" => "省",
        "city" => "市",
        "county" => "县（区）",
        "township" => "乡镇（街道）",
        "community" => "村（社区）",
        _ => level,
    };
}
