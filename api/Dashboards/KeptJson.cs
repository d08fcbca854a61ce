using System.Buffers;

namespace Analytics.Api.Dashboards;

/// <summary>
/// A kept answer's JSON in arrays of at most 64 KB, written in place: a 600 KB comparison is neither copied into an
/// array of its exact length nor put on the large-object heap (whose allocations, the kept answers themselves, set
/// off gen-2 collections every few dozen cold comparisons). The writer fills each array as it goes, and the cache
/// counts the arrays, unused tails included.
/// </summary>
public sealed class KeptJson : IBufferWriter<byte>
{
    // Below the large-object threshold (85,000 bytes), and few enough arrays for a township comparison.
    private const int SegmentSize = 64 * 1024;

    private readonly List<ReadOnlyMemory<byte>> done = [];
    private byte[] current = [];
    private int used;
    private long size;

    /// <summary>An answer written whole elsewhere (a small one, or one the serializer wrote).</summary>
    public static KeptJson Of(byte[] json)
    {
        var kept = new KeptJson();
        kept.done.Add(json);
        kept.Length = kept.size = json.Length;
        return kept;
    }

    /// <summary>The JSON's bytes, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Segments => done;

    /// <summary>How many bytes of JSON.</summary>
    public long Length { get; private set; }

    /// <summary>The memory it holds (the cache's measure of it).</summary>
    public long Size => size;

    public void Advance(int count) => used += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(used);

    public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(used);

    private byte[] Ensure(int sizeHint)
    {
        if (current.Length - used >= Math.Max(sizeHint, 1))
            return current;
        Close();
        // Filled by the writer before it is read, so not zeroed first.
        current = GC.AllocateUninitializedArray<byte>(Math.Max(SegmentSize, sizeHint));
        size += current.Length;
        return current;
    }

    private void Close()
    {
        if (used > 0)
        {
            done.Add(current.AsMemory(0, used));
            Length += used;
        }
        current = [];
        used = 0;
    }

    /// <summary>
    /// Ends the writing. The last array is cut to its length when its unused tail is more than an eighth of the
    /// whole (a small answer's one array): a copy of at most one segment, not made for a large answer.
    /// </summary>
    public KeptJson Complete()
    {
        if (used > 0 && (long)(current.Length - used) * 8 > Length + used)
        {
            size -= current.Length - used;
            current = current.AsSpan(0, used).ToArray();
        }
        Close();
        return this;
    }

    /// <summary>The bytes in one array (tests, and a writer that needs them whole).</summary>
    public byte[] ToArray()
    {
        var all = new byte[Length];
        var at = 0;
        foreach (var segment in done)
        {
            segment.Span.CopyTo(all.AsSpan(at));
            at += segment.Length;
        }
        return all;
    }

    /// <summary>
    /// Sends the bytes as a 200 with their length, one segment at a time; <paramref name="coding"/> names their
    /// compression (<see cref="Network.Compression"/>), and the compressing middleware then leaves them as they are.
    /// </summary>
    public IResult Result(string contentType, string? coding = null) => new Sent(this, contentType, coding);

    private sealed class Sent(KeptJson json, string contentType, string? coding) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            if (coding is not null)
                response.Headers.ContentEncoding = coding;
            response.ContentLength = json.Length;
            foreach (var segment in json.done)
                await response.Body.WriteAsync(segment, httpContext.RequestAborted);
        }
    }
}
