using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using Analytics.Etl.Sources;

namespace Analytics.Etl.Load;

/// <summary>A file found in the source folder, with the identity (sha256) and encoding of this version of it.</summary>
public sealed record SourceFile(string FullPath, string RelativePath, SourceFamily Family, string Sha256, long SizeBytes, string Encoding)
{
    public bool IsGzip => IsGzipPath(FullPath);

    public bool IsUtf8 => Encoding.StartsWith("utf-8", StringComparison.Ordinal);

    public static Encoding Gb18030 { get; } = CreateGb18030();

    /// <summary>ExcelDataReader also needs the code pages (1252) registered before it opens a workbook.</summary>
    public static void EnsureCodePages() => _ = Gb18030;

    private static Encoding CreateGb18030()
    {
        // .NET ships GB18030 only through the code-pages provider.
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Whether the text holds a NUL byte: such a file is read record by record so that its rows can be rejected.</summary>
    public bool HasNul { get; init; }

    /// <summary>
    /// Hashes the bytes and decides the encoding in one streaming pass: UTF-8 (BOM or not) or GB18030. The same pass
    /// enforces the size limits (before anything reaches the warehouse), notes NUL bytes, and checks that a .gz is
    /// complete: .NET's GZipStream ends quietly at a truncation, so the gzip trailer's CRC-32 and length are compared.
    /// </summary>
    public static SourceFile Inspect(string fullPath, string relativePath, SourceFamily family, Action<long>? progress = null, LoadOptions? limits = null)
    {
        limits ??= new LoadOptions("", "");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var counting = new HashingStream(file, hash, progress);
        var gzip = IsGzipPath(fullPath);
        using var scan = new TextScan(gzip ? new GZipStream(counting, CompressionMode.Decompress) : counting, relativePath, limits, gzip);
        string encoding;
        try
        {
            encoding = family.Format == SourceFormat.Xlsx ? "xlsx" : DetectEncoding(scan, relativePath);
        }
        catch (InvalidDataException e)
        {
            throw new LoadException(relativePath, $"not a readable gzip file ({e.Message})");
        }
        counting.Drain();
        if (gzip && family.Format != SourceFormat.Xlsx)
            scan.EnsureGzipComplete(file);
        return new SourceFile(fullPath, relativePath, family, Convert.ToHexStringLower(hash.GetHashAndReset()), file.Length, encoding)
        {
            HasNul = scan.HasNul,
        };
    }

    private static bool IsGzipPath(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the decoded text, whatever the encoding and compression.</summary>
    public TextReader OpenText()
    {
        Stream stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (IsGzip)
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, IsUtf8 ? new UTF8Encoding(false, true) : Gb18030, detectEncodingFromByteOrderMarks: IsUtf8, 1 << 16);
    }

    /// <summary>Writes the decoded text as UTF-8 without BOM: what DuckDB's read_csv reads.</summary>
    public void CopyAsUtf8(string target)
    {
        using var reader = OpenText();
        using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20);
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer)) > 0)
            writer.Write(buffer, 0, n);
    }

    private static string DetectEncoding(Stream content, string relativePath)
    {
        var buffer = new byte[1 << 20];
        var carry = 0;
        long offset = 0;
        var bom = false;
        var first = true;
        while (true)
        {
            var read = content.ReadAtLeast(buffer.AsSpan(carry), buffer.Length - carry, throwOnEndOfStream: false);
            var length = carry + read;
            if (length == 0)
                break;
            var span = buffer.AsSpan(0, length);
            if (first)
            {
                bom = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
                first = false;
            }
            // Keep an incomplete trailing sequence for the next block.
            var end = read == 0 ? length : CompleteLength(span);
            if (!Utf8.IsValid(span[..end]))
            {
                EnsureGb18030(content, buffer, length, relativePath, offset);
                return "gb18030";
            }
            offset += end;
            span[end..].CopyTo(buffer);
            carry = length - end;
            if (read == 0)
                break;
        }
        return bom ? "utf-8-bom" : "utf-8";
    }

    private static int CompleteLength(ReadOnlySpan<byte> span)
    {
        // Back up over at most 3 continuation bytes to the start of the last sequence.
        var i = span.Length - 1;
        var back = 0;
        while (i >= 0 && back < 3 && (span[i] & 0xC0) == 0x80) { i--; back++; }
        if (i < 0) return span.Length;
        var lead = span[i];
        var need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return span.Length - i >= need ? span.Length : i;
    }

    private static void EnsureGb18030(Stream rest, byte[] buffer, int length, string relativePath, long offset)
    {
        var decoder = Gb18030.GetDecoder();
        var chars = new char[buffer.Length + 16];
        var position = offset;
        try
        {
            var read = length;
            while (read > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                position += read;
                read = rest.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw new LoadException(relativePath,
                $"undecodable bytes near byte {position:N0}: the file is neither UTF-8 nor GB18030");
        }
    }

    /// <summary>Feeds every byte read through the hash, so hashing costs no second pass.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash, Action<long>? progress) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, n);
            progress?.Invoke(n);
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            progress?.Invoke(n);
            return n;
        }

        /// <summary>Reads what the decoder did not need, so the hash covers the whole file.</summary>
        public void Drain()
        {
            var buffer = new byte[1 << 20];
            while (Read(buffer, 0, buffer.Length) > 0) { }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
