extern alias api;

using api::Analytics.Api.Charts;
using ScottPlot;
using SkiaSharp;

namespace Analytics.UnitTests.Charts;

/// <summary>The charts' Chinese comes from a CJK font, not from boxes: what a leader reading the chart would notice first.</summary>
public sealed class ChartFontTests
{
    private const string Chinese = "宝鸡市响应率";

    [Fact]
    public void The_chart_font_is_a_cjk_font_that_has_the_glyphs()
    {
        ChartFonts.Ensure();
        var typeface = Fonts.GetTypeface(ChartFonts.Family, bold: false, italic: false);
        Assert.True(typeface.ContainsGlyphs(Chinese), $"{typeface.FamilyName} lacks {Chinese}");
        Assert.Matches("WenQuanYi|Noto Sans CJK|Noto Serif CJK", typeface.FamilyName);
        // What SkiaSharp has without fontconfig has no Chinese at all: without the registration it would draw boxes.
        Assert.False(SKTypeface.Default.ContainsGlyphs(Chinese));
    }

    [Fact]
    public void Chinese_titles_draw_glyphs_not_tofu_boxes()
    {
        // Tofu is one and the same box for every missing character, so two different Chinese titles of the same
        // length would rasterise identically; real glyphs differ.
        var first = TitleRaster("宝鸡市满意率");
        var second = TitleRaster("江西省解决率");
        Assert.True(Ink(first) > 200, "the Chinese title drew (almost) nothing");
        var differing = first.Zip(second).Count(p => p.First != p.Second);
        Assert.True(differing > 200, $"two different Chinese titles differ in only {differing} pixels: boxes, not glyphs");
    }

    [Fact]
    public void Svg_charts_name_the_cjk_family_for_their_Chinese_text()
    {
        using var plot = new Plot();
        plot.Title(Chinese);
        plot.Font.Set(ChartFonts.Ensure());
        var svg = plot.GetSvgXml(400, 300);
        var family = Fonts.GetTypeface(ChartFonts.Family, false, false).FamilyName;
        Assert.Contains(family, svg);
    }

    /// <summary>The title strip of a plot titled in Chinese, as grey levels.</summary>
    private static byte[] TitleRaster(string title)
    {
        using var plot = new Plot();
        plot.Title(title, size: 28);
        plot.Font.Set(ChartFonts.Ensure());
        using var bitmap = SKBitmap.Decode(plot.GetImageBytes(400, 300, ImageFormat.Png));
        var pixels = new List<byte>();
        for (var y = 0; y < 50; y++)
            for (var x = 0; x < bitmap.Width; x++)
                pixels.Add((byte)((bitmap.GetPixel(x, y).Red + bitmap.GetPixel(x, y).Green + bitmap.GetPixel(x, y).Blue) / 3));
        return [.. pixels];
    }

    private static int Ink(byte[] grey) => grey.Count(g => g < 128);
}
