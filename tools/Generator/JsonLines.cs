using System.IO.Compression;
using System.Text;

namespace Analytics.Generator;

/// <summary>
/// A JSON-lines writer for the grid platform export, optionally gzipped. Values are codes, names and numbers the
/// generator controls (no quotes or backslashes), so fields are written directly rather than through a serializer.
/// </summary>
internal sealed class JsonLines : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new(256);

    public JsonLines(string path, bool gzip)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Stream stream = File.Create(path);
        if (gzip)
        {
            // GZipStream writes a zero timestamp, so the same lines give the same bytes.
            stream = new GZipStream(stream, CompressionLevel.Optimal);
        }
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
    }

    public long Rows { get; private set; }

    public JsonLines Begin()
    {
        _line.Clear().Append('{');
        return this;
    }

    public JsonLines Str(string key, string? value)
    {
        Key(key);
        if (value is null)
        {
            _line.Append("null");
        }
        else
        {
            _line.Append('"').Append(value).Append('"');
        }
        return this;
    }

    public JsonLines Num(string key, long value)
    {
        Key(key);
        _line.Append(value);
        return this;
    }

    public void End()
    {
        _line.Append('}');
        _writer.Write(_line);
        _writer.Write('\n');
        Rows++;
    }

    private void Key(string key)
    {
        if (_line.Length > 1)
        {
            _line.Append(',');
        }
        _line.Append('"').Append(key).Append("\":");
    }

    public void Dispose() => _writer.Dispose();
}
