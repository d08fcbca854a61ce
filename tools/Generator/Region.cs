namespace Analytics.Generator;

/// <summary>One row of regions.csv. Level and kind hold the Chinese words the export carries.</summary>
internal sealed record Region(
    string Code,
    string Name,
    string Level,
    string Kind,
    string ParentCode,
    bool Developed = false,
    bool Pilot = false)
{
    // Set after construction: towns and villages get their own numbers, higher levels sum their children.
    public long Population { get; set; }
    public decimal Area { get; set; }

    public bool IsTownship => Level == "乡镇";
    public bool IsStreet => Kind == "街道";
}

/// <summary>Level and kind words as the statistical exports write them.</summary>
internal static class Levels
{
    public const string Province = "省";
    public const string City = "市";
    public const string County = "县";
    public const string Township = "乡镇";
    public const string Village = "村社区";

    public const string Xiang = "乡";
    public const string Town = "镇";
    public const string Street = "街道";
    public const string Community = "社区";
    public const string VillageKind = "村";
}
