extern alias api;

using System.IO.Compression;
using System.Net;
using System.Text.Json;
using api::Analytics.Api.Dashboards;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>
/// Text answers go compressed to a client that asks (Accept-Encoding), and decompress to exactly what a client that
/// does not ask receives; a kept dashboard answer is compressed once per coding; images go as they are.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CompressionTests(ApiFactory factory)
{
    private const string Comparison = "/api/dashboards/comparison?measure=hotline_response_rate&period=2024&level=township";

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.8", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    public async Task A_comparison_comes_in_the_coding_asked_for_and_decompresses_to_the_plain_answer(string accept, string coding)
    {
        var plain = await Get(Comparison, null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(plainBytes.Length, plain.Content.Headers.ContentLength);

        var packed = await Get(Comparison, accept);
        Assert.Equal(HttpStatusCode.OK, packed.StatusCode);
        Assert.Equal([coding], packed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", packed.Headers.Vary);
        var packedBytes = await packed.Content.ReadAsByteArrayAsync();
        Assert.True(packedBytes.Length * 2 < plainBytes.Length, $"{packedBytes.Length} bytes compressed from {plainBytes.Length}");
        Assert.Equal(plainBytes, Decompress(packedBytes, coding));
        Assert.Equal(plain.Headers.ETag, packed.Headers.ETag);
    }

    [Fact]
    public async Task No_coding_the_client_refuses_is_used()
    {
        var response = await Get(Comparison, "identity, br;q=0, gzip;q=0");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_repeated_question_is_compressed_once_and_sent_the_same()
    {
        var cache = factory.Services.GetRequiredService<DashboardAnswers>().Cache;
        const string url = "/api/dashboards/comparison?measure=hotline_resolution_rate&period=2024&level=township";
        var first = await (await Get(url, "br")).Content.ReadAsByteArrayAsync();
        var computed = cache.Computed;
        var second = await (await Get(url, "br")).Content.ReadAsByteArrayAsync();
        Assert.Equal(computed, cache.Computed);
        Assert.Equal(first, second);
        // Another coding of the same kept answer is one more computation, not a new query.
        factory.SqlLog.Clear();
        var gzip = await (await Get(url, "gzip")).Content.ReadAsByteArrayAsync();
        Assert.Equal(computed + 1, cache.Computed);
        Assert.Empty(factory.SqlLog.Recent);
        Assert.Equal(Decompress(first, "br"), Decompress(gzip, "gzip"));
    }

    [Fact]
    public async Task A_feed_page_and_the_metadata_are_compressed_and_read_the_same()
    {
        foreach (var url in new[] { "/odata/MeasureValues?$filter=MeasureId eq 'hotline_tickets'&$top=500", "/odata/$metadata" })
        {
            var plain = await (await Get(url, null)).Content.ReadAsByteArrayAsync();
            var response = await Get(url, "gzip");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
            var packed = await response.Content.ReadAsByteArrayAsync();
            Assert.True(packed.Length * 3 < plain.Length, $"{url}: {packed.Length} bytes compressed from {plain.Length}");
            Assert.Equal(plain, Decompress(packed, "gzip"));
        }
    }

    [Fact]
    public async Task A_chart_image_is_sent_as_it_is()
    {
        var response = await Get("/api/charts/trend.png?measure=hotline_tickets&region=610000000000", "br, gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)0x89, bytes[0]);
    }

    private async Task<HttpResponseMessage> Get(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await factory.Admin().SendAsync(request);
    }

    private static byte[] Decompress(byte[] bytes, string coding)
    {
        using var input = new MemoryStream(bytes);
        using Stream reader = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }
}
