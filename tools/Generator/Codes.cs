namespace Analytics.Generator;

/// <summary>Region codes the family writers and the published figures refer to by name.</summary>
internal static class Codes
{
    public const string Shaanxi = "610000000000";
    public const string Baoji = "610300000000";
    public const string Fengxiang = "610305000000";
    public const string Meixian = "610326000000";

    public const string Shandong = "370000000000";
    public const string Linyi = "371300000000";
    public const string Lanshan = "371302000000";
    public const string Rizhao = "371100000000";
    public const string Juxian = "371122000000";
    public const string Xiazhuang = "371122108000";

    public const string Beijing = "110000000000";
    public const string Pinggu = "110117000000";

    public const string Jiangxi = "360000000000";

    /// <summary>A twelve-digit code from a six-digit county prefix and township / village sequences.</summary>
    public static string Make(string county6, int township, int village = 0) =>
        $"{county6}{township:D3}{village:D3}";
}
