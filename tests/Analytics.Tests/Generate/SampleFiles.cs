using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;

namespace Analytics.Tests.Generate;

/// <summary>Plain readers for the generated files, independent of the generator's own code.</summary>
internal static class SampleFiles
{
    static SampleFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<string> Relative(string root, params string[] extensions) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>Bytes to compare: gzip is compared by content, everything else as stored.</summary>
    public static byte[] Content(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Decodes a CSV export (.csv or .csv.gz): UTF-8 (BOM or not) when valid, else GB18030, as the loader must.</summary>
    public static string DecodeCsv(string path)
    {
        var bytes = Content(path);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>RFC 4180 records (quoted fields may hold commas, quotes and line breaks); header first.</summary>
    public static List<string[]> Records(string path)
    {
        var text = DecodeCsv(path);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') { quoted = false; }
                else { field.Append(ch); }
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    break;
                default: field.Append(ch); break;
            }
        }
        return records;
    }

    /// <summary>Header-keyed rows.</summary>
    public static List<Dictionary<string, string>> Rows(string path)
    {
        var records = Records(path);
        var header = records[0];
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Every sheet's rows as header-keyed cell texts.</summary>
    public static List<(string Sheet, Dictionary<string, string> Row)> Sheets(string path)
    {
        using var workbook = new XLWorkbook(path);
        var result = new List<(string, Dictionary<string, string>)>();
        foreach (var sheet in workbook.Worksheets)
        {
            var used = sheet.RangeUsed();
            if (used is null)
            {
                continue;
            }
            var header = used.FirstRow().Cells().Select(c => c.GetString()).ToArray();
            foreach (var row in used.RowsUsed().Skip(1))
            {
                result.Add((sheet.Name, header.Select((h, i) => (h, row.Cell(i + 1).GetFormattedString())).ToDictionary(p => p.h, p => p.Item2)));
            }
        }
        return result;
    }
}
