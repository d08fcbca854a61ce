extern alias api;

using System.Buffers;
using System.Text.Json;
using api::Analytics.Api.Dashboards;
using Microsoft.AspNetCore.Http;

namespace Analytics.UnitTests.Dashboards;

/// <summary>
/// A large kept answer is written in place into arrays below the large-object threshold: the same bytes as one
/// buffer holds, sent whole with its length.
/// </summary>
public sealed class KeptJsonTests
{
    // Rows like a township comparison's: Chinese names, many doubles, nulls; about 300 KB in all.
    private static void Write(IBufferWriter<byte> output, int rows)
    {
        var options = new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        };
        using var json = new Utf8JsonWriter(output, options);
        json.WriteStartObject();
        json.WriteStartArray("regions");
        for (var i = 0; i < rows; i++)
        {
            json.WriteStartObject();
            json.WriteString("regionCode", $"61{i:D10}");
            json.WriteString("regionName", i % 3 == 0 ? "城关街道办事处" : $"第{i}镇 \"<&'>\"");
            json.WriteNumber("value", 1.0 / (i + 3));
            json.WriteNumber("numerator", i);
            json.WriteNumber("change", i % 5 == 0 ? double.Epsilon : -2.5e-7 * i);
            json.WriteNull("previousValue");
            json.WriteString("note", new string('x', i % 40 == 0 ? 300 : 5));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(2500)]
    public void Kept_json_holds_the_bytes_one_buffer_holds_in_arrays_off_the_large_object_heap(int rows)
    {
        var whole = new ArrayBufferWriter<byte>();
        Write(whole, rows);
        var kept = new KeptJson();
        Write(kept, rows);
        kept.Complete();

        Assert.Equal(whole.WrittenSpan.ToArray(), kept.ToArray());
        Assert.Equal(whole.WrittenCount, kept.Length);
        Assert.All(kept.Segments, s => Assert.True(s.Length < 85_000, $"a segment of {s.Length} bytes"));
        if (rows == 2500)
            Assert.True(kept.Segments.Count > 3, $"{kept.Segments.Count} segments");
        // A small answer is held in an array of exactly its length.
        if (rows == 3)
            Assert.Equal(kept.Length, kept.Size);
        // Beyond the JSON only the arrays' unused tails are held: less than the writer's largest request (a value of
        // 300 characters escaped) each, and the last one's at most an eighth of the whole.
        Assert.InRange(kept.Size - kept.Length, 0, kept.Length / 8 + 2048L * kept.Segments.Count);
    }

    [Fact]
    public async Task Kept_json_is_sent_whole_with_its_length()
    {
        var kept = new KeptJson();
        Write(kept, 1200);
        kept.Complete();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await kept.Result("application/json; charset=utf-8").ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(kept.Length, context.Response.ContentLength);
        Assert.Equal(kept.ToArray(), body.ToArray());
        using var parsed = JsonDocument.Parse(body.ToArray());
        Assert.Equal(1200, parsed.RootElement.GetProperty("regions").GetArrayLength());
    }
}
