using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace Analytics.Etl.Load;

/// <summary>
/// Watches the decoded-from-gzip (or plain) bytes of a source file as they stream past once: size and line limits,
/// NUL bytes, and the CRC-32 a gzip trailer is checked against. Vectorised span searches keep it at memory speed.
/// </summary>
internal sealed class TextScan(Stream inner, string file, LoadOptions limits, bool gzip) : Stream
{
    private readonly Crc32? _crc = gzip ? new Crc32() : null;
    private long _bytes;
    private long _lf;
    private long _cr;
    private long _run; // bytes since the last line end

    public bool HasNul { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Scan(buffer[..n]);
        return n;
    }

    private void Scan(ReadOnlySpan<byte> span)
    {
        _bytes += span.Length;
        if (_bytes > limits.MaxFileBytes)
            throw new LoadException(file, string.Create(CultureInfo.InvariantCulture, $"holds more than {limits.MaxFileBytes:N0} bytes of text, the limit per file (--max-file-bytes); nothing of it was loaded"));
        HasNul |= span.Contains((byte)0);
        _crc?.Append(span);
        if (_run + span.Length <= limits.MaxLineBytes)
        {
            // No line of this block can be too long: count line ends without visiting them one by one.
            _lf += span.Count((byte)'\n');
            _cr += span.Count((byte)'\r');
            var last = span.LastIndexOfAny((byte)'\n', (byte)'\r');
            _run = last < 0 ? _run + span.Length : span.Length - last - 1;
        }
        else
        {
            var rest = span;
            while (true)
            {
                var i = rest.IndexOfAny((byte)'\n', (byte)'\r');
                if (_run + (i < 0 ? rest.Length : i) > limits.MaxLineBytes)
                    throw new LoadException(file, string.Create(CultureInfo.InvariantCulture, $"line {Math.Max(_lf, _cr) + 1:N0} is longer than {limits.MaxLineBytes:N0} bytes, the limit per line (--max-line-bytes); nothing of the file was loaded"));
                if (i < 0)
                {
                    _run += rest.Length;
                    break;
                }
                if (rest[i] == '\n') _lf++; else _cr++;
                _run = 0;
                rest = rest[(i + 1)..];
            }
        }
        // CRLF counts each line twice over two counters, CR-only or LF-only once: the larger is the line count.
        if (Math.Max(_lf, _cr) > limits.MaxFileLines)
            throw new LoadException(file, string.Create(CultureInfo.InvariantCulture, $"has more than {limits.MaxFileLines:N0} lines, the limit per file (--max-file-lines); nothing of it was loaded"));
    }

    /// <summary>Compares the gzip trailer (CRC-32 and length of the text) with what was read: a cut file fails here.</summary>
    public void EnsureGzipComplete(FileStream raw)
    {
        Span<byte> trailer = stackalloc byte[8];
        var complete = raw.Length >= 18;
        if (complete)
        {
            raw.Seek(-8, SeekOrigin.End);
            raw.ReadExactly(trailer);
            complete = BinaryPrimitives.ReadUInt32LittleEndian(trailer) == _crc!.GetCurrentHashAsUInt32()
                && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)_bytes;
        }
        if (!complete)
            throw new LoadException(file,
                "is not a complete gzip stream: its end does not match its content (cut short or damaged in copying; a .gz of several concatenated parts is not supported either); nothing of it was loaded");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _bytes; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
