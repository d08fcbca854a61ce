using System.Buffers;
using System.IO.Compression;
using Analytics.Api.Dashboards;
using Microsoft.AspNetCore.ResponseCompression;

namespace Analytics.Api.Network;

/// <summary>
/// Text answers are sent compressed to clients that ask for it (Accept-Encoding: browsers, Power BI, Excel, R's curl,
/// pandas' requests): a township comparison is 646 KB of JSON and about a fifth of that in Brotli, a feed page of
/// 1,000 rows much the same. Brotli and gzip at their fastest level (Brotli's fastest already reaches about 21% on this
/// JSON, gzip's 32%). Images, PDFs and workbooks are compressed already and go as they are. Compressing over HTTPS is
/// safe here (docs/decisions/0010): no credential is sent by the browser on its own, so a page elsewhere cannot make a
/// user's client reflect its guesses next to a secret.
/// </summary>
public static class Compression
{
    /// <summary>Below this, an answer goes as it is: the saving is smaller than a packet.</summary>
    public const int MinBytes = 1024;

    private static readonly string[] TextTypes =
    [
        "application/json", "application/xml", "application/problem+json", "text/html", "text/css",
        "text/javascript", "application/javascript", "image/svg+xml", "text/csv", "text/plain",
    ];

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = TextTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// A kept answer compressed once for its generation, by the provider the middleware chose for the request (its
    /// coding and level): a repeated question then costs no compressing.
    /// </summary>
    public static KeptJson Compress(KeptJson json, ICompressionProvider provider)
    {
        var packed = new KeptJson();
        using (var writer = provider.CreateStream(new Into(packed)))
        {
            foreach (var segment in json.Segments)
                writer.Write(segment.Span);
        }
        return packed.Complete();
    }

    /// <summary>Writes into a kept answer's arrays (no array of the whole on the large-object heap).</summary>
    private sealed class Into(IBufferWriter<byte> target) : Stream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var span = target.GetSpan();
                var n = Math.Min(span.Length, buffer.Length);
                buffer[..n].CopyTo(span);
                target.Advance(n);
                buffer = buffer[n..];
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
