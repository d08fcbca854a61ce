using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Etl.Sources;
using Analytics.Warehouse.Storage;
using ExcelDataReader;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>A row that could not even be split into columns (a broken CSV line, a line that is not JSON).</summary>
internal sealed record Unreadable(string? Sheet, long Row, string Reason, string? RawText, string? Column = null);

/// <summary>
/// Reads every changed file of one family. CSV files with the same header are read by one multi-file read_csv,
/// straight into the checks when the family allows it (<see cref="ValidationSql.CanCheckWhileReading"/>), else into
/// the temp table <c>batch</c>: one VARCHAR column per stored source column (personal columns already dropped or
/// hashed) plus _file (the path read), _sheet and _row; workbooks, JSON lines and files read record by record go to
/// <c>batch</c> too. A CSV row's number comes from its position (see ValidationSql).
/// </summary>
internal sealed partial class RawTable(DbConnection connection, string salt, string tempFolder, LoadOptions options)
{
    /// <summary>The empty text table <c>batch</c> (a rule may read it, so it exists before the checks are written).</summary>
    public void CreateBatch(SourceFamily family)
    {
        var columns = string.Join(", ", family.Stored.Select(c => $"{Id(c.Name)} VARCHAR"));
        Execute($"CREATE OR REPLACE TEMP TABLE batch (_file VARCHAR, _sheet VARCHAR, _row BIGINT, {columns})");
    }

    /// <summary>Reads the files into the empty <c>batch</c> (<see cref="CreateBatch"/>) or into the checks.</summary>
    /// <param name="checkWhileReading">Runs the checks over a CSV read (its SELECT); null to read into <c>batch</c>.</param>
    public BatchRead FillBatch(SourceFamily family, IReadOnlyList<SourceFile> files, Action<SourceFile>? afterFile, Action<string>? checkWhileReading)
    {
        var read = new BatchRead(this, files);
        try
        {
            if (family.Format == SourceFormat.Csv)
            {
                FromCsv(read, afterFile, checkWhileReading);
            }
            else
            {
                using var appender = Engine.Appender(connection, "batch");
                foreach (var file in files)
                {
                    read.Unreadable[file] = family.Format == SourceFormat.Xlsx ? FromXlsx(file, appender) : FromJsonl(file, appender);
                    afterFile?.Invoke(file);
                }
            }
            DefineBatchFiles(read);
            return read;
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    /// <summary>Which file each path read belongs to, and where its rows start in <c>batch</c> (CSV rows are
    /// numbered from there).</summary>
    private void DefineBatchFiles(BatchRead read)
    {
        var mapping = string.Join(", ", read.ReadPaths.Select(p => $"({Lit(p.Key)}, {Lit(p.Value)})"));
        Execute($"""
            CREATE OR REPLACE TEMP TABLE batch_files AS
            SELECT m.path, m.file, min(b.rowid) AS first_rid
            FROM (VALUES {mapping}) m(path, file) LEFT JOIN batch b ON b._file = m.path
            GROUP BY ALL
            """);
    }

    private void FromCsv(BatchRead read, Action<SourceFile>? afterFile, Action<string>? checkWhileReading)
    {
        var plans = read.Plans;
        foreach (var file in read.Unreadable.Keys.ToList())
        {
            var plan = Plan(file);
            plans.Add(plan);
            read.ReadPaths[plan.ReadPath] = file.RelativePath;
            if (plan.HasData)
                read.WithData.Add(file.RelativePath);
            afterFile?.Invoke(file);
        }
        // DuckDB keeps a NUL inside a value but the appender and readers cut at it: such files are read record by
        // record, where the rows holding one are rejected.
        foreach (var plan in plans.Where(p => p.File.HasNul))
            read.Unreadable[plan.File] = FromCsvRecords(plan);
        foreach (var group in plans.Where(p => !p.File.HasNul).GroupBy(p => string.Join('\u0001', p.Headers)))
        {
            var members = group.ToList();
            try
            {
                InsertCsv(members, checkWhileReading);
                MarkDirect(read, members, checkWhileReading);
            }
            catch (DbException) when (members.Count > 1)
            {
                // One broken file fails the whole read: read them one by one to find it and keep the rest.
                foreach (var plan in members)
                    InsertCsvOrRecords(plan, read, checkWhileReading);
            }
            catch (DbException)
            {
                read.Unreadable[members[0].File] = FromCsvRecords(members[0]);
            }
        }
    }

    private void InsertCsvOrRecords(CsvPlan plan, BatchRead read, Action<string>? checkWhileReading)
    {
        try
        {
            InsertCsv([plan], checkWhileReading);
            MarkDirect(read, [plan], checkWhileReading);
        }
        catch (DbException)
        {
            read.Unreadable[plan.File] = FromCsvRecords(plan);
        }
    }

    private static void MarkDirect(BatchRead read, List<CsvPlan> plans, Action<string>? checkWhileReading)
    {
        if (checkWhileReading is not null)
            read.ReadDirectly.UnionWith(plans.Select(p => p.File.RelativePath));
    }

    private CsvPlan Plan(SourceFile file)
    {
        string[] headers;
        bool hasData;
        using (var text = file.OpenText())
        {
            var records = new CsvRecords(text, file.RelativePath, options.MaxLineBytes);
            headers = records.Next()?.Fields.Select(CleanHeader).ToArray()
                ?? throw new LoadException(file.RelativePath, "the file is empty: no header row");
            hasData = records.Next() is { } first && first.Fields.Any(f => !string.IsNullOrWhiteSpace(f));
        }
        var map = MapHeaders(file, headers, sheet: null);
        if (file.IsUtf8)
            return new CsvPlan(file, headers, map, file.FullPath, false, hasData);

        // DuckDB reads UTF-8 (plain or gzip) itself; GB18030 is decoded once into a private temp file.
        var transcoded = Path.Combine(tempFolder, $"transcoded-{Guid.NewGuid():N}.csv");
        file.CopyAsUtf8(transcoded);
        return new CsvPlan(file, headers, map, transcoded, true, hasData);
    }

    /// <summary>One read_csv over files sharing a header, into the checks or else into <c>batch</c> (strict: a broken
    /// line fails it, and the statement leaves nothing behind).</summary>
    private void InsertCsv(IReadOnlyList<CsvPlan> plans, Action<string>? checkWhileReading)
    {
        var first = plans[0];
        var family = first.File.Family;
        var columns = string.Join(", ", first.Headers.Select((_, i) => $"{Lit(ReadName(i))}: 'VARCHAR'"));
        var values = family.Stored.Select(c => first.Map.TryGetValue(c.Name, out var i)
            ? c.Personal == Personal.Hash
                ? $"CASE WHEN nullif(trim({Id(ReadName(i))}), '') IS NOT NULL THEN left(sha256({Lit(salt)} || trim({Id(ReadName(i))})), 16) END"
                : Id(ReadName(i))
            : "NULL::VARCHAR").ToList();
        var select = string.Join(", ", values);
        var paths = string.Join(", ", plans.Select(p => Lit(p.ReadPath)));
        var csv = $$"""
            read_csv([{{paths}}], columns = {{{columns}}}, header = true, auto_detect = false, filename = true,
                     delim = ',', quote = '"', escape = '"', strict_mode = true, max_line_size = {{options.MaxLineBytes}})
            """;
        if (checkWhileReading is null)
        {
            Execute($"INSERT INTO batch SELECT filename, NULL, NULL, {select} FROM {csv}");
            return;
        }
        var file = $"CASE filename {string.Join(" ", plans.Select(p => $"WHEN {Lit(p.ReadPath)} THEN {Lit(p.File.RelativePath)}"))} END";
        var named = string.Join(", ", values.Zip(family.Stored).Select(x => $"{x.First} AS {Id(x.Second.Name)}"));
        checkWhileReading($"SELECT {file} AS _file, NULL::VARCHAR AS _sheet, NULL::BIGINT AS _row, NULL::BIGINT AS _pos, {named} FROM {csv}");
    }

    private List<Unreadable> FromCsvRecords(CsvPlan plan)
    {
        var (file, width, map) = (plan.File, plan.Headers.Length, plan.Map);
        var bad = new List<Unreadable>();
        var personal = file.Family.Columns.Any(c => c.Personal != Personal.No);
        using var text = plan.Transcoded ? new StreamReader(plan.ReadPath, new UTF8Encoding(false), true) : file.OpenText();
        var records = new CsvRecords(text, file.RelativePath, options.MaxLineBytes);
        records.Next();
        using var appender = Engine.Appender(connection, "batch");
        long row = 1;
        while (records.Next() is { } record)
        {
            row++;
            if (record.Fields.Count != width)
            {
                bad.Add(new Unreadable(null, row,
                    $"line {record.Line}: expected {width} fields, found {record.Fields.Count}",
                    personal ? Withheld : RawText(record.Text)));
                continue;
            }
            if (record.Fields.FindIndex(f => f.Contains('\0')) is var nul and >= 0)
            {
                bad.Add(new Unreadable(null, row, $"{plan.Headers[nul]} holds a NUL byte (\\0): the row is rejected rather than cut there",
                    personal ? Withheld : RawText(record.Text), plan.Headers[nul]));
                continue;
            }
            Append(appender, file, row, null, c => map.TryGetValue(c.Name, out var i) ? record.Fields[i] : null);
        }
        return bad;
    }

    private List<Unreadable> FromXlsx(SourceFile file, RowAppender appender)
    {
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
                    Append(appender, file, row, sheet, c => map.TryGetValue(c.Name, out var i) && i < cells.Length ? cells[i] : null);
                }
            }
            while (reader.NextResult());
        }
        return [];
    }

    private List<Unreadable> FromJsonl(SourceFile file, RowAppender appender)
    {
        var bad = new List<Unreadable>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = file.Family.Stored.ToList();
        using var text = file.OpenText();
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
                    bad.Add(new Unreadable(null, row, $"not valid JSON: {e.Message}", RawText(line)));
                    continue;
                }
                if (values.FirstOrDefault(v => v.Value?.Contains('\0') == true).Key is { } nul)
                {
                    bad.Add(new Unreadable(null, row, $"{nul} holds a NUL character (\\u0000): the row is rejected rather than cut there", RawText(line), nul));
                    continue;
                }
                seen.UnionWith(values.Keys);
                Append(appender, file, row, null, c => values.GetValueOrDefault(c.Header));
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
        if (missing.Count == 0)
            return map;
        // The first row may be data (an export without its header row): only cells that are known column names are
        // named, the others are counted, never shown, since they may be a caller's name, phone or complaint.
        var known = headers.Where(h => file.Family.Columns.Any(c => c.Header == h)).ToList();
        var others = headers.Length - known.Count;
        var found = known.Count == 0
            ? $"its first row has {headers.Length} cell(s) and none is a column name of this export: is the header row missing? (cells not shown: they may be data)"
            : $"known columns found: {string.Join(", ", known)}" + (others > 0 ? $"; {others} other cell(s) not shown: they may be data" : "");
        throw new LoadException(file.RelativePath, $"{where}required column(s) {string.Join(", ", missing)} missing from the header ({found})");
    }

    private void Append(RowAppender appender, SourceFile file, long row, string? sheet, Func<SourceColumn, string?> value)
    {
        var appending = appender.CreateRow().AppendValue(file.FullPath).AppendValue(sheet).AppendValue((long?)row);
        foreach (var column in file.Family.Stored)
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

    private void Execute(string sql) => Loader.Execute(connection, sql);

    private const string Withheld = "(withheld: this family carries personal data)";

    /// <summary>A source line as kept in quarantine: cut to the configured length, NUL shown as \0 (DuckDB would cut there).</summary>
    private string? RawText(string text) => options.Shown(text)?.Replace("\0", "\\0", StringComparison.Ordinal);

    private static string ReadName(int index) => $"c{index}";

    private static string CleanHeader(string header) => header.Trim().TrimStart('\uFEFF').Trim();

    private static string? Cell(object? value) => value switch
    {
        null or DBNull => null,
        // Invariant: under th-TH's Buddhist calendar 2019 came out as 2562 (and read back as 3105).
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
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
