using SkiaSharp;

namespace Analytics.Api.Charts;

/// <summary>
/// The CJK font every chart draws with. SkiaSharp on Linux is built without fontconfig, so ScottPlot cannot find a
/// system font that has Chinese glyphs and would draw boxes (tofu); we register a known font file by path instead.
/// Debian's fonts-wqy-microhei (or fonts-noto-cjk) provides one; <c>ANALYTICS_CJK_FONT</c> names another file.
/// </summary>
public static class ChartFonts
{
    public const string Variable = "ANALYTICS_CJK_FONT";

    /// <summary>The name charts set on every label; registered with ScottPlot, resolved to the file found.</summary>
    public const string Family = "Analytics CJK";

    /// <summary>Where Debian's CJK font packages put their files, best first.</summary>
    private static readonly string[] KnownFiles =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    ];

    /// <summary>Characters a font must draw to be accepted: the report's own words, not just any CJK block.</summary>
    private const string Probe = "宝鸡市响应率解决率满意率机构精简编制网格覆盖";

    private static readonly Lock Gate = new();
    private static string? registered;

    /// <summary>
    /// The font file in use; registers it with ScottPlot on first success, or throws saying what to install. A failure
    /// is not remembered: a font installed while the API runs is found by the next chart.
    /// </summary>
    public static string File
    {
        get
        {
            if (Volatile.Read(ref registered) is { } file)
                return file;
            lock (Gate)
                return registered ??= Register();
        }
    }

    /// <summary>Registers the font (once) and returns the family name to set on plots.</summary>
    public static string Ensure()
    {
        _ = File;
        return Family;
    }

    private static string Register()
    {
        var candidates = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? [configured]
            : KnownFiles;
        foreach (var file in candidates.Where(System.IO.File.Exists))
        {
            using var typeface = SKTypeface.FromFile(file);
            if (typeface is null || !typeface.ContainsGlyphs(Probe))
                continue;
            ScottPlot.Fonts.AddFontFile(Family, file, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, file, bold: true, italic: false);
            return file;
        }
        throw new MissingToolException(
            $"No CJK font for the charts' Chinese text: looked for {string.Join(", ", candidates)}. " +
            $"Install one (apt-get install fonts-wqy-microhei) or set {Variable} to a .ttf/.ttc/.otf file with Chinese glyphs.");
    }
}
