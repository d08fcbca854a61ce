using System.IO.Compression;
using System.Text;

namespace Analytics.Generator;

/// <summary>
/// A forward-only CSV writer: RFC 4180 quoting, CRLF record ends (what Excel and the 12345 platform write),
/// and a record counter so defects can be reported by record number. A path ending in .gz is written gzipped
/// (the loader reads .csv.gz; the big sample months are stored that way to keep the repository small).
/// </summary>
internal sealed class CsvOut : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _firstField = true;

    /// <summary>Creates the file (and its folder) and writes the header record.</summary>
    public CsvOut(string path, ExportEncoding encoding, params string[] header)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Stream file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            // The gzip header carries no timestamp, so the bytes stay deterministic.
            file = new GZipStream(file, CompressionLevel.SmallestSize);
        }
        _writer = new StreamWriter(file, ExportEncodings.Get(encoding), bufferSize: 1 << 16);
        foreach (var name in header)
        {
            Field(name);
        }
        _writer.Write("\r\n");
        _firstField = true;
    }

    /// <summary>Data records written so far (the header is not counted).</summary>
    public int Rows { get; private set; }

    /// <summary>Record number of the next data row, counting the header as record 1.</summary>
    public int NextRecordNumber => Rows + 2;

    public CsvOut Field(string value)
    {
        if (!_firstField)
        {
            _writer.Write(',');
        }
        _firstField = false;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return this;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
        return this;
    }

    public CsvOut Field(long value)
    {
        if (!_firstField)
        {
            _writer.Write(',');
        }
        _firstField = false;
        _writer.Write(value);
        return this;
    }

    /// <summary>Writes a field known to need no quoting (codes, numbers, timestamps) straight from a span.</summary>
    public CsvOut Raw(ReadOnlySpan<char> value)
    {
        if (!_firstField)
        {
            _writer.Write(',');
        }
        _firstField = false;
        _writer.Write(value);
        return this;
    }

    public void EndRow()
    {
        _writer.Write("\r\n");
        _firstField = true;
        Rows++;
    }

    public void Dispose() => _writer.Dispose();
}
