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
/// them to the serializer's), into a pooled buffer sized from the row count, then copied once into an array of
/// exactly its length (what the cache keeps); a comparison read from DuckDB is written into the arrays it is kept in.
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
    public (KeptJson Json, long Size) Write<T>(T value) where T : class
    {
        using var buffer = Render(value, SizeHint(value));
        var json = KeptJson.Of(Exact(buffer.Written));
        return (json, json.Size);
    }

    /// <summary>
    /// A comparison written straight from its reader (<see cref="ComparisonWriter"/>) into the arrays it is kept in
    /// (<see cref="KeptJson"/>), and what the audit records of it. Only with the generated writer's options
    /// (<see cref="UsesGeneratedWriter"/>): otherwise the comparison is asked as typed rows and written by
    /// <see cref="Write{T}"/>.
    /// </summary>
    public (KeptJson Json, long Size, KnownRows Rows) Write(ComparisonCursor rows)
    {
        if (!fast)
            throw new InvalidOperationException("a comparison is streamed only with the generated writer's options");
        var kept = new KeptJson();
        KnownRows known;
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true };
        using (var json = new Utf8JsonWriter(kept, writerOptions))
            known = ComparisonWriter.Write(json, rows);
        kept.Complete();
        return (kept, kept.Size, known);
    }

    /// <summary>The JSON in a pooled buffer: no fresh half-megabyte zeroed and faulted in for each answer.</summary>
    private Rented Render<T>(T value, int sizeHint)
    {
        var buffer = new Rented(sizeHint);
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = fast };
        using var json = new Utf8JsonWriter(buffer, writerOptions);
        if (fast && DashboardJson.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> { SerializeHandler: { } write })
            write(json, value);
        else
            JsonSerializer.Serialize(json, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        json.Flush();
        return buffer;
    }

    // Kept answers hold exactly their bytes; the array is filled at once, so it need not be zeroed first.
    private static byte[] Exact(ReadOnlySpan<byte> written)
    {
        var json = GC.AllocateUninitializedArray<byte>(written.Length);
        written.CopyTo(json);
        return json;
    }

    /// <summary>A growing buffer of arrays rented from the shared pool, returned when disposed.</summary>
    private sealed class Rented(int size) : IBufferWriter<byte>, IDisposable
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));
        private int length;

        public ReadOnlySpan<byte> Written => array.AsSpan(0, length);

        public void Advance(int count) => length += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(length);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(length);

        private byte[] Ensure(int sizeHint)
        {
            if (array.Length - length >= Math.Max(sizeHint, 1))
                return array;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, length + sizeHint));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            return array = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(array);
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

    /// <summary>A measure's string values in the order the answer writes them (what the audit sees).</summary>
    internal static string[] Strings(MeasureInfo m) => [m.Id, m.NameZh, m.NameEn, m.Unit, m.Kind, m.Direction];

    // About 385 bytes a township row, 250 a trend point; a guess too small costs one copy, not an error.
    private static int SizeHint(object answer) => answer switch
    {
        Comparison c => 1024 + 420 * c.Regions.Count,
        Trend t => 1024 + 256 * t.Points.Count,
        Overview o => 1024 + 512 * o.Figures.Count,
        _ => 4096,
    };
}
