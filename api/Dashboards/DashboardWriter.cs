using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Analytics.Api.Audit;
using Analytics.Api.Queries;

namespace Analytics.Api.Dashboards;

/// <summary>
/// Writes a dashboard answer's JSON once, to be kept (<see cref="DashboardAnswers"/>). The HTTP JSON options use the
/// relaxed encoder (Chinese names stay as they are), and System.Text.Json takes its source-generated fast path only
/// for options without an encoder: through the options, every property of 1,700 townships went through converters
/// and metadata, the largest part of a cold comparison after its SQL. Here the generated writer of
/// <see cref="DashboardJson"/> runs on a Utf8JsonWriter with the options' encoder: the same bytes (a unit test holds
/// them to the serializer's), into a buffer sized from the row count so half a megabyte is not copied as it grows.
/// </summary>
public sealed class DashboardWriter(JsonSerializerOptions options)
{
    // The generated writer follows the context's options; use it only when the HTTP options write the same way.
    private readonly bool fast = options.Converters.Count == 0 && !options.WriteIndented
        && options.ReferenceHandler is null
        && options.PropertyNamingPolicy == Generated.PropertyNamingPolicy
        && options.DefaultIgnoreCondition == Generated.DefaultIgnoreCondition
        && options.IgnoreReadOnlyProperties == Generated.IgnoreReadOnlyProperties
        && (options.NumberHandling & WritingNumbers) == 0;

    private const JsonNumberHandling WritingNumbers =
        JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals;

    private static JsonSerializerOptions Generated => DashboardJson.Default.Options;

    /// <summary>Whether answers are written by the generated writer (else by the serializer: same bytes, slower).</summary>
    public bool UsesGeneratedWriter => fast;

    /// <summary>The answer's JSON and the memory it holds (the cache's measure of it).</summary>
    public (ReadOnlyMemory<byte> Json, long Size) Write<T>(T value) where T : class
    {
        var buffer = new ArrayBufferWriter<byte>(SizeHint(value));
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = fast };
        using (var json = new Utf8JsonWriter(buffer, writerOptions))
        {
            if (fast && DashboardJson.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> { SerializeHandler: { } write })
                write(json, value);
            else
                JsonSerializer.Serialize(json, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
        return (buffer.WrittenMemory, buffer.Capacity);
    }

    /// <summary>
    /// What the audit would read from the answer's body (<see cref="ResponseRows"/>): its one array's length and every
    /// string value in the order it is written, so the same region codes are kept when there are too many.
    /// </summary>
    public static KnownRows? Rows(object answer) => answer switch
    {
        Comparison c => KnownRows.Of(c.Regions.Count, [.. Strings(c.Measure), c.Period, c.Level, c.Within,
            .. c.Regions.SelectMany(r => new[] { r.RegionCode, r.RegionName, r.ParentCode })]),
        Trend t => KnownRows.Of(t.Points.Count, [.. Strings(t.Measure), t.RegionCode, t.RegionName, t.ParentCode,
            t.ParentName, t.Grain, .. t.Points.Select(p => p.Period)]),
        Overview o => KnownRows.Of(o.Figures.Count, [o.RegionCode, o.RegionName, o.Level, o.Period,
            .. o.Figures.SelectMany(f => Strings(f.Measure))]),
        _ => null,
    };

    private static string[] Strings(MeasureInfo m) => [m.Id, m.NameZh, m.NameEn, m.Unit, m.Kind, m.Direction];

    // About 385 bytes a township row, 250 a trend point; a guess too small costs one copy, not an error.
    private static int SizeHint(object answer) => answer switch
    {
        Comparison c => 1024 + 420 * c.Regions.Count,
        Trend t => 1024 + 256 * t.Points.Count,
        Overview o => 1024 + 512 * o.Figures.Count,
        _ => 4096,
    };
}
