using System.Text;
using System.Text.Json;

namespace Analytics.Api.Audit;

/// <summary>
/// Reads a response as it is written, without holding it: how many rows it returned and which region codes
/// (12-digit strings) it held. JSON: the length of the OData <c>value</c> array, else of the longest array at the
/// top (a dashboard's regions, a ranking's rows), else 1 for an object; a top-level array's length. CSV: its lines
/// after the header. Any other content (a chart, a PDF, a page) has no rows.
/// </summary>
public sealed class ResponseRows
{
    /// <summary>Region codes kept per response; past this the entry says the list was cut.</summary>
    public const int MaxRegions = 2000;

    private enum Kind { Unknown, Json, Csv, Other }

    private Kind kind;
    private JsonReaderState state = new(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    private byte[] pending = [];
    private bool broken;
    private bool rootIsArray;
    private bool rootSeen;
    private string? property;
    private readonly Dictionary<string, long> arrays = new(StringComparer.Ordinal);
    private long rootArrayLength;
    private long csvLines;
    private bool csvTrailingNewline = true;

    public HashSet<string> Regions { get; } = new(StringComparer.Ordinal);

    public bool RegionsTruncated { get; private set; }

    public void Begin(string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        kind = type switch
        {
            "application/json" or "text/json" or "application/problem+json" => Kind.Json,
            "text/csv" => Kind.Csv,
            null => Kind.Unknown,
            _ => type.EndsWith("+json", StringComparison.Ordinal) ? Kind.Json : Kind.Other,
        };
    }

    public void Feed(ReadOnlySpan<byte> data)
    {
        switch (kind)
        {
            case Kind.Json when !broken:
                FeedJson(data, final: false);
                break;
            case Kind.Csv:
                csvLines += data.Count((byte)'\n');
                if (data.Length > 0)
                    csvTrailingNewline = data[^1] == (byte)'\n';
                break;
        }
    }

    /// <summary>The rows of the whole response, or null when it has none (not JSON or CSV, or not parseable).</summary>
    public long? Finish()
    {
        switch (kind)
        {
            case Kind.Json:
                if (!broken)
                    FeedJson([], final: true);
                if (broken || !rootSeen)
                    return null;
                if (rootIsArray)
                    return rootArrayLength;
                if (arrays.TryGetValue("value", out var value))
                    return value;
                return arrays.Count > 0 ? arrays.Values.Max() : 1;
            case Kind.Csv:
                var lines = csvLines + (csvTrailingNewline ? 0 : 1);
                return Math.Max(0, lines - 1);
            default:
                return null;
        }
    }

    private void FeedJson(ReadOnlySpan<byte> data, bool final)
    {
        byte[]? joined = null;
        if (pending.Length > 0)
        {
            joined = new byte[pending.Length + data.Length];
            pending.CopyTo(joined, 0);
            data.CopyTo(joined.AsSpan(pending.Length));
        }
        ReadOnlySpan<byte> buffer = joined ?? data;
        var reader = new Utf8JsonReader(buffer, final, state);
        try
        {
            while (reader.Read())
                Visit(ref reader);
        }
        catch (JsonException)
        {
            broken = true;
            return;
        }
        state = reader.CurrentState;
        var rest = buffer[(int)reader.BytesConsumed..];
        // A single token longer than this is not a row count worth holding memory for.
        if (rest.Length > 1 << 20)
            broken = true;
        pending = rest.ToArray();
    }

    private void Visit(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var token = reader.TokenType;
        if (!rootSeen)
        {
            rootSeen = true;
            rootIsArray = token == JsonTokenType.StartArray;
            return;
        }
        if (token == JsonTokenType.PropertyName)
        {
            if (depth == 1)
                property = reader.GetString();
            return;
        }
        var isValue = token is not (JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.Comment);
        if (rootIsArray)
        {
            if (isValue && depth == 1)
                rootArrayLength++;
        }
        else if (depth == 1 && token == JsonTokenType.StartArray && property is not null)
        {
            openArray = property;
            arrays[property] = 0;
        }
        else if (depth == 1 && token == JsonTokenType.EndArray)
            openArray = null;
        else if (isValue && depth == 2 && openArray is not null)
            arrays[openArray]++;
        if (token == JsonTokenType.String && reader.ValueSpan.Length == 12 && !reader.ValueIsEscaped)
            AddRegion(reader.ValueSpan);
    }

    private string? openArray;

    /// <summary>Whether a string value is a region code: 12 ASCII digits.</summary>
    public static bool IsRegionCode(string value) =>
        value.Length == 12 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private void AddRegion(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            return;
        if (Regions.Count >= MaxRegions)
        {
            RegionsTruncated = true;
            return;
        }
        Regions.Add(Encoding.ASCII.GetString(value));
    }
}
