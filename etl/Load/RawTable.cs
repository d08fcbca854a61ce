using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Etl.Sources;
using DuckDB.NET.Data;
using ExcelDataReader;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>A row that could not even be split into columns (a broken CSV line, a line that is not JSON).</summary>
internal sealed record Unreadable(string? Sheet, long Row, string Reason, string? RawText);

/// <summary>
/// Fills the temp table <c>raw</c>: one VARCHAR column per stored source column, personal columns already
/// dropped or hashed. Returns the rows that could not be split into columns.
/// </summary>
internal sealed class RawTable(DuckDBConnection connection, string salt, string tempFolder)
{
    public List<Unreadable> Fill(SourceFile file) => file.Family.Format switch
    {
        SourceFormat.Csv => FromCsv(file),
        SourceFormat.Xlsx => FromXlsx(file),
        _ => FromJsonl(file),
    };

    private List<Unreadable> FromCsv(SourceFile file)
    {
        string[] headers;
        using (var text = file.OpenText())
            headers = new CsvRecords(text).Next()?.Fields.Select(CleanHeader).ToArray()
                ?? throw new LoadException(file.RelativePath, "the file is empty: no header row");
        var map = MapHeaders(file, headers, sheet: null);

        // DuckDB reads UTF-8 (plain or gzip) itself; GB18030 is decoded once into a private temp file.
        var path = file.FullPath;
        string? transcoded = null;
        if (!file.IsUtf8)
        {
            transcoded = Path.Combine(tempFolder, $"transcoded-{Guid.NewGuid():N}.csv");
            using var reader = file.OpenText();
            using var writer = new StreamWriter(transcoded, false, new UTF8Encoding(false), 1 << 20);
            var buffer = new char[1 << 16];
            int n;
            while ((n = reader.Read(buffer)) > 0)
                writer.Write(buffer, 0, n);
            path = transcoded;
        }
        try
        {
            var columns = string.Join(", ", headers.Select((_, i) => $"{Lit(ReadName(i))}: 'VARCHAR'"));
            var select = string.Join(", ", file.Family.Stored.Select(c => map.TryGetValue(c.Name, out var i)
                ? c.Personal == Personal.Hash
                    ? $"CASE WHEN nullif(trim({Id(ReadName(i))}), '') IS NOT NULL THEN left(sha256({Lit(salt)} || trim({Id(ReadName(i))})), 16) END AS {Id(c.Name)}"
                    : $"{Id(ReadName(i))} AS {Id(c.Name)}"
                : $"NULL::VARCHAR AS {Id(c.Name)}"));
            try
            {
                Execute($$"""
                    CREATE OR REPLACE TEMP TABLE raw AS
                    SELECT NULL::BIGINT AS _row, NULL::VARCHAR AS _sheet, {{select}}
                    FROM read_csv({{Lit(path)}}, columns = {{{columns}}}, header = true, auto_detect = false,
                                  delim = ',', quote = '"', escape = '"', strict_mode = true, max_line_size = 10000000)
                    """);
                return [];
            }
            catch (DuckDBException)
            {
                // Broken lines (wrong column count, open quotes): read record by record to name them and keep the rest.
                return FromCsvRecords(file, path, headers.Length, map);
            }
        }
        finally
        {
            if (transcoded is not null)
                File.Delete(transcoded);
        }
    }

    private List<Unreadable> FromCsvRecords(SourceFile file, string utf8Path, int width, Dictionary<string, int> map)
    {
        CreateRawTable(file.Family);
        var bad = new List<Unreadable>();
        var personal = file.Family.Columns.Any(c => c.Personal != Personal.No);
        using var text = new StreamReader(
            file.IsGzip && utf8Path == file.FullPath
                ? new System.IO.Compression.GZipStream(File.OpenRead(utf8Path), System.IO.Compression.CompressionMode.Decompress)
                : File.OpenRead(utf8Path),
            new UTF8Encoding(false), true);
        var records = new CsvRecords(text);
        records.Next();
        using var appender = connection.CreateAppender("raw");
        long row = 1;
        while (records.Next() is { } record)
        {
            row++;
            if (record.Fields.Count != width)
            {
                bad.Add(new Unreadable(null, row,
                    $"line {record.Line}: expected {width} fields, found {record.Fields.Count}",
                    personal ? "(withheld: this family carries personal data)" : record.Text));
                continue;
            }
            Append(appender, row, null, file.Family, c => map.TryGetValue(c.Name, out var i) ? record.Fields[i] : null);
        }
        return bad;
    }

    private List<Unreadable> FromXlsx(SourceFile file)
    {
        CreateRawTable(file.Family);
        SourceFile.EnsureCodePages();
        using var stream = File.OpenRead(file.FullPath);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is not LoadException)
        {
            throw new LoadException(file.RelativePath, $"not a readable .xlsx workbook ({e.Message})");
        }
        using (reader)
        using (var appender = connection.CreateAppender("raw"))
        {
            do
            {
                var sheet = reader.Name;
                Dictionary<string, int>? map = null;
                long row = 0;
                while (reader.Read())
                {
                    row++;
                    var cells = Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetValue(i))).ToArray();
                    if (cells.All(string.IsNullOrWhiteSpace))
                        continue;
                    if (map is null)
                    {
                        map = MapHeaders(file, cells.Select(c => CleanHeader(c ?? "")).ToArray(), sheet);
                        continue;
                    }
                    Append(appender, row, sheet, file.Family, c => map.TryGetValue(c.Name, out var i) && i < cells.Length ? cells[i] : null);
                }
            }
            while (reader.NextResult());
        }
        return [];
    }

    private List<Unreadable> FromJsonl(SourceFile file)
    {
        CreateRawTable(file.Family);
        var bad = new List<Unreadable>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = file.Family.Stored.ToList();
        using var text = file.OpenText();
        using (var appender = connection.CreateAppender("raw"))
        {
            long row = 0;
            while (text.ReadLine() is { } line)
            {
                row++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                Dictionary<string, string?> values;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                        throw new JsonException("a line must hold one JSON object");
                    values = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => JsonText(p.Value), StringComparer.Ordinal);
                }
                catch (JsonException e)
                {
                    bad.Add(new Unreadable(null, row, $"not valid JSON: {e.Message}", line.Length > 2000 ? line[..2000] : line));
                    continue;
                }
                seen.UnionWith(values.Keys);
                Append(appender, row, null, file.Family, c => values.GetValueOrDefault(c.Header));
            }
        }
        var missing = file.Family.Columns.Where(c => c.Required && !seen.Contains(c.Header)).Select(c => c.Header).ToList();
        if (seen.Count > 0 && missing.Count > 0)
            throw new LoadException(file.RelativePath, $"required key(s) {string.Join(", ", missing)} appear on no line");
        return bad;
    }

    private Dictionary<string, int> MapHeaders(SourceFile file, string[] headers, string? sheet)
    {
        var where = sheet is null ? "" : $"sheet '{sheet}': ";
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in file.Family.Columns)
        {
            var index = Array.IndexOf(headers, column.Header);
            if (index >= 0)
                map[column.Name] = index;
        }
        var missing = file.Family.Columns.Where(c => c.Required && !map.ContainsKey(c.Name)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
            throw new LoadException(file.RelativePath,
                $"{where}required column(s) {string.Join(", ", missing)} missing from the header (found: {string.Join(", ", headers)})");
        return map;
    }

    private void CreateRawTable(SourceFamily family)
    {
        var columns = string.Join(", ", family.Stored.Select(c => $"{Id(c.Name)} VARCHAR"));
        Execute($"CREATE OR REPLACE TEMP TABLE raw (_row BIGINT, _sheet VARCHAR, {columns})");
    }

    private void Append(DuckDBAppender appender, long row, string? sheet, SourceFamily family, Func<SourceColumn, string?> value)
    {
        var appending = appender.CreateRow().AppendValue((long?)row).AppendValue(sheet);
        foreach (var column in family.Stored)
        {
            var v = value(column);
            appending = appending.AppendValue(column.Personal == Personal.Hash ? Hash(v) : v);
        }
        appending.EndRow();
    }

    /// <summary>The same salted hash as the SQL path: sha256 of salt + trimmed phone, first 16 hex digits.</summary>
    private string? Hash(string? phone)
    {
        var trimmed = phone?.Trim(' ');
        return string.IsNullOrEmpty(trimmed) ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + trimmed)))[..16];
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ReadName(int index) => $"c{index}";

    private static string CleanHeader(string header) => header.Trim().TrimStart('\uFEFF').Trim();

    private static string? Cell(object? value) => value switch
    {
        null or DBNull => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd") : d.ToString("yyyy-MM-dd HH:mm:ss"),
        double x when x == Math.Floor(x) && Math.Abs(x) < 1e15 => ((long)x).ToString(System.Globalization.CultureInfo.InvariantCulture),
        double x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
