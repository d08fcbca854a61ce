extern alias api;

using System.Net;
using api::Analytics.Api.Charts;
using Analytics.Tests.Api;
using SkiaSharp;

namespace Analytics.Tests.Charts;

[Collection(ApiCollection.Name)]
public sealed class ChartEndpointTests(ApiFactory factory)
{
    [Theory]
    [InlineData("trend.png?measure=hotline_satisfaction_rate&region=" + TestSources.Qishan)]
    [InlineData("ranking.png?measure=hotline_response_rate&period=2024-03&region=" + TestSources.Caijiapo)]
    [InlineData("children.png?measure=hotline_tickets&period=2024-Q1&region=" + TestSources.Baoji)]
    [InlineData("hotline.png?region=" + TestSources.Province)]
    [InlineData("reform.png?period=2024&region=" + TestSources.Province)]
    [InlineData("staffing.png?period=2024&region=" + TestSources.Province)]
    [InlineData("coverage.png?period=2024&region=" + TestSources.Province)]
    [InlineData("forecast.png?measure=hotline_tickets&region=" + TestSources.Baoji)]
    public async Task Every_kind_of_chart_is_a_png_image(string url)
    {
        var response = await factory.Admin().GetAsync("/api/charts/" + url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(body);
        Assert.True(bitmap.Width >= 800 && bitmap.Height >= 360, $"{bitmap.Width}x{bitmap.Height}");
    }

    [Fact]
    public async Task Ranking_highlights_the_asked_for_region_among_its_siblings()
    {
        var url = $"/api/charts/ranking.png?measure=hotline_satisfaction_rate&period=2024-03&region={TestSources.Caijiapo}";
        using var bitmap = SKBitmap.Decode(await factory.Admin().GetByteArrayAsync(url));
        // 蔡家坡镇's bar, and only its, is drawn in the highlight colour; its sibling 益店镇 in the primary one.
        Assert.True(Count(bitmap, ChartStyle.Highlight) > 500, "no highlighted bar");
        Assert.True(Count(bitmap, ChartStyle.Primary) > 500, "no sibling bar");
    }

    [Fact]
    public async Task Svg_charts_keep_Chinese_as_text_in_the_cjk_font()
    {
        var response = await factory.Admin().GetAsync($"/api/charts/trend.svg?measure=hotline_satisfaction_rate&region={TestSources.Qishan}");
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("岐山县满意率走势", svg);
        Assert.Contains("宝鸡市（上级）", svg);
        Assert.Contains("%", svg);
        Assert.Contains(ScottPlot.Fonts.GetTypeface(ChartFonts.Family, false, false).FamilyName, svg);
    }

    [Theory]
    [InlineData("/api/charts/pie.png?region=" + TestSources.Province, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/trend.gif?measure=hotline_tickets&region=" + TestSources.Province, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/trend.png?measure=nope&region=" + TestSources.Province, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/ranking.png?measure=hotline_tickets&region=" + TestSources.Province, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/trend.png?measure=hotline_tickets&region=999999999999", HttpStatusCode.NotFound)]
    public async Task Bad_chart_requests_are_problems(string url, HttpStatusCode status)
    {
        var response = await factory.Admin().GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Charts_need_a_key()
    {
        var response = await factory.ClientWith(null).GetAsync($"/api/charts/hotline.png?region={TestSources.Province}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static int Count(SKBitmap bitmap, ScottPlot.Color color)
    {
        var n = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red == color.R && p.Green == color.G && p.Blue == color.B)
                    n++;
            }
        return n;
    }
}
