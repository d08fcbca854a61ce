extern alias api;

using api::Analytics.Api.Charts;
using ScottPlot;
using SkiaSharp;

namespace Analytics.Tests.Charts;

/// <summary>The charts' Chinese comes from a CJK font, not from boxes: what a leader reading the chart would notice first.</summary>
public sealed class ChartFontTests
{
    private const string Chinese = "宝鸡市响应率";

    [Fact]
    public void TheChartFontIsACjkFontThatHasTheGlyphs()
    {
        ChartFonts.Ensure();
        var typeface = Fonts.GetTypeface(ChartFonts.Family, bold: false, italic: false);
        Assert.True(typeface.ContainsGlyphs(Chinese), $"{typeface.FamilyName} lacks {Chinese}");
        Assert.Matches("WenQuanYi|Noto Sans CJK|Noto Serif CJK", typeface.FamilyName);
        // What SkiaSharp falls back to without the registration has no Chinese at all: it would draw boxes.
        Assert.False(Fonts.GetTypeface(Fonts.Default, false, false).ContainsGlyphs(Chinese));
    }

    [Fact]
    public void ChineseTitlesDrawGlyphsNotTofuBoxes()
    {
        var cjk = TitleRaster(ChartFonts.Ensure());
        var tofu = TitleRaster(Fonts.Default);
        // Glyphs have ink, and their pixels are not those of the tofu boxes the default font draws.
        Assert.True(Ink(cjk) > 200, "the CJK title drew (almost) nothing");
        var differing = cjk.Zip(tofu).Count(p => p.First != p.Second);
        Assert.True(differing > 200, $"the CJK title differs from the tofu rendering in only {differing} pixels");
    }

    [Fact]
    public void SvgChartsNameTheCjkFamilyForTheirChineseText()
    {
        using var plot = new Plot();
        plot.Title(Chinese);
        plot.Font.Set(ChartFonts.Ensure());
        var svg = plot.GetSvgXml(400, 300);
        var family = Fonts.GetTypeface(ChartFonts.Family, false, false).FamilyName;
        Assert.Contains(family, svg);
    }

    /// <summary>The title strip of a plot titled in Chinese, as grey levels.</summary>
    private static byte[] TitleRaster(string font)
    {
        using var plot = new Plot();
        plot.Title(Chinese, size: 28);
        plot.Font.Set(font);
        using var bitmap = SKBitmap.Decode(plot.GetImageBytes(400, 300, ImageFormat.Png));
        var pixels = new List<byte>();
        for (var y = 0; y < 50; y++)
            for (var x = 0; x < bitmap.Width; x++)
                pixels.Add((byte)((bitmap.GetPixel(x, y).Red + bitmap.GetPixel(x, y).Green + bitmap.GetPixel(x, y).Blue) / 3));
        return [.. pixels];
    }

    private static int Ink(byte[] grey) => grey.Count(g => g < 128);
}
