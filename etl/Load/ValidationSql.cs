using System.Globalization;
using Analytics.Etl.Sources;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Builds the SQL that types and checks the rows of every changed file of a family into <c>checked</c>: typed values
/// and, per row, the first problem found. Rows come straight from a CSV read, or from the text table <c>batch</c>
/// (workbooks, JSON lines, files read record by record). DuckDB does the work so a ten-million-row file is validated
/// at scan speed.
/// </summary>
internal static class ValidationSql
{
    public const string DateFormats =
        "['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']";

    /// <summary>
    /// Whether a family's CSV rows are typed and checked as they are read, straight into <c>checked</c>, without the
    /// text table between: every check is then a plain expression of the row (a region code is checked by a cast to
    /// <see cref="RegionCodes"/>, not by a join), so the rows keep the order they were read in, and that order is
    /// where their row numbers come from. A rule that reads another table keeps the family on the text table.
    /// </summary>
    public static bool CanCheckWhileReading(SourceFamily family) =>
        family.Format == SourceFormat.Csv && !family.Rules.Any(r => r.BadWhen.Contains("SELECT", StringComparison.OrdinalIgnoreCase));

    /// <summary>The region codes of the warehouse as an ENUM in the load's scratch catalog: a cast to it is the
    /// region check, a lookup in the row's own expression.</summary>
    public const string RegionCodes = """
        CREATE OR REPLACE TYPE scratch.region_codes AS ENUM (
          SELECT DISTINCT code FROM stg_regions WHERE code IS NOT NULL ORDER BY code)
        """;

    /// <summary>
    /// The empty table <c>checked</c>: per row read, its file, sheet, row number and position, every value typed, the
    /// first problem found and, for a row with a problem, its source text (<c>_raw</c>, personal columns left out).
    /// Filled by <see cref="InsertChecked"/>; duplicates are marked in it afterwards by <see cref="KeyHits"/>,
    /// <see cref="ExistingKeys"/> and <see cref="MarkDuplicates"/>. Read through <see cref="DefineCheckedRows"/>.
    /// </summary>
    public static string CreateChecked(SourceFamily family) => $"""
        CREATE OR REPLACE TEMP TABLE checked (_file VARCHAR, _sheet VARCHAR, _row BIGINT, _pos BIGINT,
          {string.Join(", ", family.Stored.Select(c => $"{Id(c.Name)} {CheckedType(c)}"))},
          _dup_file VARCHAR, _dup_sheet VARCHAR, _dup_row BIGINT, _dup_of BIGINT,
          _problem STRUCT("column" VARCHAR, reason VARCHAR), _raw VARCHAR)
        """;

    /// <summary>The type <see cref="Typed"/> gives a column (a number is checked as DOUBLE, then held to its stored
    /// type).</summary>
    private static string CheckedType(SourceColumn c) => c.Type switch
    {
        ColumnType.Integer => c.StoredType,
        ColumnType.Number => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.YesNo => "BOOLEAN",
        _ => "VARCHAR",
    };

    /// <summary>
    /// Types and checks the rows of <paramref name="source"/> into <c>checked</c>. The source has one VARCHAR column
    /// per stored source column (personal columns already dropped or hashed) after <c>_file</c> (the file's path in
    /// the source folder), <c>_sheet</c>, <c>_row</c> and <c>_pos</c> (its place in its file, for the order of
    /// duplicates); a CSV read directly leaves the last two NULL and <see cref="DefineCheckedRows"/> numbers it.
    /// </summary>
    /// <param name="options">The plausible date window and how much source text a reason may quote.</param>
    public static string InsertChecked(SourceFamily family, LoadOptions options, string source) =>
        $"INSERT INTO checked {CheckedSelect(family, options, source)}";

    /// <summary>The rows of the text table <c>batch</c> as a source for <see cref="InsertChecked"/>.</summary>
    public static string FromBatch(SourceFamily family) => $"""
        SELECT f.file AS _file, b._sheet, coalesce(b._row, b.rowid - f.first_rid + 2) AS _row, b.rowid AS _pos,
          {string.Join(", ", family.Stored.Select(c => "b." + Id(c.Name)))}
        FROM batch b JOIN batch_files f ON f.path = b._file
        """;

    private static string CheckedSelect(SourceFamily family, LoadOptions options, string source)
    {
        var columns = family.Stored.ToList();
        var texts = string.Join(",\n    ", columns.Select(c => $"{Text(c)} AS {RawText(c)}"));
        var typed = string.Join(",\n    ", columns.Select(c => $"{Typed(c)} AS {Id(c.Name)}"));
        var checks = columns.SelectMany(c => ColumnChecks(c, options))
            .Concat(family.Rules.Select(r => Check(family.Column(r.Column).Header, $"({r.BadWhen})", options.ShownSql(r.ReasonSql))));
        var output = string.Join(", ", columns.Select(c => Id(c.Name)));
        // The source text of a row with a problem, for the quarantine; kept for no other row (writing every row's text
        // was what the text table cost).
        var raw = $"CASE WHEN _problem IS NOT NULL THEN {SourceJson(family, options, c => Id("s_" + c.Name))} END";
        return $$"""
            SELECT _file, _sheet, _row, _pos, {{output}}, _dup_file, _dup_sheet, _dup_row, _dup_of, _problem, {{raw}} AS _raw
            FROM (
              WITH texts AS (
                SELECT _file, _sheet, _row, _pos,
                  {{string.Join(", ", columns.Select(c => $"{Id(c.Name)} AS {Id("s_" + c.Name)}"))}},
                  {{texts}}
                FROM ({{source}}) source
              ), typed AS (
                -- Each value is trimmed once (texts), then typed from the trimmed text.
                SELECT *,
                  {{typed}}
                FROM texts
              )
              SELECT *,
                NULL::VARCHAR AS _dup_file, NULL::VARCHAR AS _dup_sheet, NULL::BIGINT AS _dup_row, NULL::BIGINT AS _dup_of, CASE
                  {{string.Join("\n      ", checks)}}
                END AS _problem
              FROM typed
            )
            """;
    }

    /// <summary>
    /// The view <c>checked_rows</c> over <c>checked</c>: rows read straight from a CSV get their row number and
    /// position from the order they were read in (<paramref name="firstOfFile"/>: the first rowid of each such
    /// file), and every row an id (<c>_id</c>) that duplicates point at.
    /// </summary>
    public static string DefineCheckedRows(IReadOnlyDictionary<string, long> firstOfFile)
    {
        var first = firstOfFile.Count == 0
            ? "NULL::BIGINT"
            : $"CASE _file {string.Join(" ", firstOfFile.Select(f => $"WHEN {Lit(f.Key)} THEN {f.Value}"))} END";
        return $"""
            CREATE OR REPLACE TEMP VIEW checked_rows AS
            SELECT * REPLACE (coalesce(_row, rowid - {first} + 2) AS _row, coalesce(_pos, rowid) AS _pos), rowid AS _id
            FROM checked
            """;
    }

    /// <summary>Every file with rows in <c>checked</c>, and the first rowid of each whose rows were read straight
    /// into it (NULL for the others).</summary>
    public const string FilesRead = "SELECT _file, min(rowid) FILTER (WHERE _row IS NULL) FROM checked GROUP BY _file";

    /// <summary>The files with rows that became bad after they were read (duplicates), whose source text is needed.</summary>
    public const string FilesLackingText = "SELECT DISTINCT _file FROM checked WHERE _problem IS NOT NULL AND _raw IS NULL ORDER BY _file";

    /// <summary>The source text of rows that became bad after they were read, from <c>batch</c>, matched by file,
    /// sheet and row number.</summary>
    public static string TextFromBatch(SourceFamily family, LoadOptions options) => $"""
        UPDATE checked c SET _raw = {SourceJson(family, options, col => "r." + Id(col.Name))}
        FROM checked_rows k, ({FromBatch(family)}) r
        WHERE k._id = c.rowid AND c._problem IS NOT NULL AND c._raw IS NULL
          AND r._file = k._file AND r._row = k._row AND r._sheet IS NOT DISTINCT FROM k._sheet
        """;

    /// <summary>A row's source text as the quarantine keeps it: personal columns (dropped or hashed) never reach it,
    /// and a 50 MB value does not either, whole.</summary>
    private static string SourceJson(SourceFamily family, LoadOptions options, Func<SourceColumn, string> value) =>
        "to_json(struct_pack(" + string.Join(", ", family.Columns.Where(c => c.Personal == Personal.No)
            .Select(c => $"{Id(c.Header)} := {options.ShownSql(value(c))}")) + "))::VARCHAR";

    /// <summary>
    /// The stored parts holding a key hash of a good row of <c>checked</c>. Only the 64-bit hash column is read,
    /// which is what makes checking a month against years of history cheap; the few parts it names are then read
    /// whole by <see cref="ExistingKeys"/>. The first key column is also held to the batch's range of it
    /// (<see cref="KeyRange"/>): the scan skips every part and row group whose statistics lie outside it, so where
    /// keys grow with time (a 12345 ticket number starts with its month) a month is checked against its own months,
    /// not the whole history; where they do not, the range costs nothing.
    /// </summary>
    /// <param name="stored">The family's Parquet files already in the warehouse (absolute paths), apart from the
    /// files being loaded.</param>
    /// <param name="keyTypes">The stored type of each key column, so hashes match those written with the facts.</param>
    /// <param name="range">The lowest and highest first key of the batch's good rows, as text, or null for none.</param>
    public static string KeyHits(SourceFamily family, IReadOnlyList<string> stored, IReadOnlyDictionary<string, string> keyTypes,
        (string Low, string High)? range)
    {
        if (stored.Count == 0 || range is null)
            return "CREATE OR REPLACE TEMP TABLE key_hits (_key_hash UBIGINT, filename VARCHAR)";
        var first = family.Key[0];
        var type = keyTypes[first];
        return $"""
            CREATE OR REPLACE TEMP TABLE key_hits AS
            SELECT _key_hash, filename FROM read_parquet([{string.Join(", ", stored.Select(Lit))}], filename = true)
            WHERE {Id(first)} BETWEEN CAST({Lit(range.Value.Low)} AS {type}) AND CAST({Lit(range.Value.High)} AS {type})
              AND _key_hash IN (SELECT {KeyHash(family, keyTypes)} FROM checked WHERE _problem IS NULL)
            """;
    }

    /// <summary>The lowest and highest first key column of the good rows of <c>checked</c>, in its stored type, as
    /// text (one row; both null when there is no good row).</summary>
    public static string KeyRange(SourceFamily family, IReadOnlyDictionary<string, string> keyTypes)
    {
        var first = $"CAST({Id(family.Key[0])} AS {keyTypes[family.Key[0]]})";
        return $"SELECT CAST(min({first}) AS VARCHAR), CAST(max({first}) AS VARCHAR) FROM checked WHERE _problem IS NULL";
    }

    /// <summary>The stored rows whose key hash <c>key_hits</c> found, with their key and position, read from the
    /// parts that hold them (<paramref name="parts"/>, absolute paths).</summary>
    public static string ExistingKeys(SourceFamily family, IReadOnlyList<string> parts, IReadOnlyDictionary<string, string> keyTypes) =>
        "CREATE OR REPLACE TEMP TABLE existing_keys AS " + (parts.Count == 0
            ? $"SELECT {string.Join(", ", family.Key.Select(k => $"NULL::{keyTypes[k]} AS {Id(k)}"))}, NULL::VARCHAR AS _file, NULL::VARCHAR AS _sheet, NULL::BIGINT AS _row LIMIT 0"
            : $"""
              SELECT {string.Join(", ", family.Key.Select(Id))}, _file, _sheet, _row FROM read_parquet([{string.Join(", ", parts.Select(Lit))}])
              WHERE _key_hash IN (SELECT _key_hash FROM key_hits)
              """);

    /// <summary>
    /// Marks duplicates in <c>checked</c>: rows whose key a stored file that sorts earlier already holds are
    /// duplicates of it; then, among the rest, the first row with a key (by file path, then place in the file) wins and
    /// later ones are duplicates. "Earlier" is always the order of file paths, so loading files one
    /// at a time or all at once gives the same answer (docs/decisions/0006). Duplicates are rare, so two updates of
    /// a few rows cost less than writing the table again.
    /// </summary>
    public static string MarkDuplicates(SourceFamily family)
    {
        var key = string.Join(", ", family.Key.Select(Id));
        var keyHeader = string.Join("+", family.Key.Select(k => family.Column(k).Header));
        var sameStored = string.Join(" AND ", family.Key.Select(k => $"e.{Id(k)} = c.{Id(k)}"));
        var sameFirst = string.Join(" AND ", family.Key.Select(k => $"f.{Id(k)} = c.{Id(k)}"));
        return $$"""
            UPDATE checked c SET _dup_file = e._file, _dup_sheet = e._sheet, _dup_row = e._row,
              _problem = {'column': {{Lit(keyHeader)}}, 'reason': NULL}
            FROM existing_keys e
            WHERE c._problem IS NULL AND {{sameStored}} AND e._file < c._file;

            UPDATE checked c SET _dup_of = f._first, _problem = {'column': {{Lit(keyHeader)}}, 'reason': NULL}
            FROM (
              -- Grouping 64-bit hashes of the key is far cheaper than grouping the text; the few candidates are
              -- then checked on the key itself, so a hash collision costs nothing but a second look.
              WITH candidates AS (
                SELECT hash({{key}}) AS h FROM checked WHERE _problem IS NULL GROUP BY ALL HAVING count(*) > 1
              )
              SELECT {{key}}, arg_min(_id, {'file': _file, 'pos': _pos}) AS _first FROM checked_rows
              WHERE _problem IS NULL AND hash({{key}}) IN (SELECT h FROM candidates)
              GROUP BY ALL HAVING count(*) > 1
            ) f
            WHERE c._problem IS NULL AND {{sameFirst}} AND c.rowid <> f._first
            """;
    }

    /// <summary>Stored files whose rows the good rows of <c>checked</c> now precede: they must be judged again.</summary>
    public static string LaterFilesSharingKeys(SourceFamily family)
    {
        var sameKey = string.Join(" AND ", family.Key.Select(k => $"e.{Id(k)} = c.{Id(k)}"));
        return $"SELECT DISTINCT e._file FROM existing_keys e JOIN checked c ON {sameKey} WHERE c._problem IS NULL AND e._file > c._file";
    }

    /// <summary>The hash stored with each fact row (<c>_key_hash</c>), over the key in its stored types.</summary>
    public static string KeyHash(SourceFamily family, IReadOnlyDictionary<string, string> keyTypes) =>
        $"hash({string.Join(", ", family.Key.Select(k => $"CAST({Id(k)} AS {keyTypes[k]})"))})";

    /// <summary>
    /// The good rows of <c>checked</c>, in the stored types, with their key hash, the version of the file each comes
    /// from and, for a monthly family, the month that partitions it.
    /// </summary>
    public static string GoodRows(SourceFamily family, IReadOnlyDictionary<string, string> versionOfFile,
        IReadOnlyList<(string Name, string Type)> storedColumns, IReadOnlyDictionary<string, string> keyTypes)
    {
        var values = string.Join(", ", storedColumns.Select(c => c.Name is "_file" or "_sheet" or "_row"
            ? Id(c.Name)
            : $"CAST({Id(c.Name)} AS {c.Type}) AS {Id(c.Name)}"));
        var version = $"CASE _file {string.Join(" ", versionOfFile.Select(v => $"WHEN {Lit(v.Key)} THEN {Lit(v.Value)}"))} END AS version";
        var month = family.MonthColumn is { } m ? $", CAST(date_trunc('month', {Id(m)}) AS DATE) AS month" : "";
        return $"SELECT {values}, {KeyHash(family, keyTypes)} AS _key_hash, {version}{month} FROM checked_rows WHERE _problem IS NULL";
    }

    public static string InsertQuarantine(string runId)
    {
        // A duplicate names the row it repeats the same way whether that row was loaded earlier or in this batch.
        return $"""
            INSERT INTO quarantine
            SELECT {Lit(runId)}, c._file, c._sheet, c._row, c._problem.column,
                   coalesce(c._problem.reason, 'duplicate of ' || CASE WHEN dup_file = c._file THEN '' ELSE dup_file || ' ' END
                     || 'row ' || dup_row || coalesce(' of sheet ' || dup_sheet, '') || CASE WHEN dup_file = c._file THEN ' in this file' ELSE '' END),
                   c._raw,
                   CASE WHEN dup_file <> c._file THEN dup_file END
            FROM checked_rows c
            LEFT JOIN checked_rows o ON o._id = c._dup_of,
            LATERAL (SELECT coalesce(c._dup_file, o._file) AS dup_file, coalesce(c._dup_sheet, o._sheet) AS dup_sheet,
                            coalesce(c._dup_row, o._row) AS dup_row)
            WHERE c._problem IS NOT NULL
            """;
    }

    /// <summary>The trimmed text of a column in <c>texts</c>, beside its typed value under the column's own name.</summary>
    private static string RawText(SourceColumn c) => Id("r_" + c.Name);

    // trim() costs ten times the LIKE tests on ten million rows; most values have no surrounding spaces.
    private static string Text(SourceColumn c) =>
        $"nullif(CASE WHEN {Id(c.Name)} LIKE ' %' OR {Id(c.Name)} LIKE '% ' THEN trim({Id(c.Name)}) ELSE {Id(c.Name)} END, '')";

    private static string Typed(SourceColumn c)
    {
        var text = RawText(c);
        return c.Type switch
        {
            // TRY_CAST would round '2.5' to 3: a count with a fraction is an error, not a number to fix up. Cast to
            // the stored type, so a value that would overflow its column is caught here, not by the insert.
            ColumnType.Integer => $"CASE WHEN regexp_full_match({text}, {WholeNumber}) THEN TRY_CAST({text} AS {c.StoredType}) END",
            ColumnType.Number => $"TRY_CAST({text} AS DOUBLE)",
            // The ISO cast is fast and takes most rows; the format list handles 2024/7/3 and the like.
            ColumnType.Date => $"CAST(coalesce(TRY_CAST({text} AS TIMESTAMP), try_strptime({text}, {DateFormats})) AS DATE)",
            ColumnType.Timestamp => $"coalesce(TRY_CAST({text} AS TIMESTAMP), try_strptime({text}, {DateFormats}))",
            ColumnType.YesNo => $"CASE {text} WHEN '是' THEN true WHEN '否' THEN false END",
            _ => text,
        };
    }

    private const string WholeNumber = "'[+-]?[0-9]+'";

    private static IEnumerable<string> ColumnChecks(SourceColumn c, LoadOptions options)
    {
        var raw = RawText(c);
        var shown = options.ShownSql(raw);
        var value = Id(c.Name);
        var header = c.Header;
        if (c.Required)
            yield return Check(header, $"{raw} IS NULL", Lit($"{header} is empty"));
        // Out-of-range values are bad rows; left to the insert they were a "Conversion Error" that stopped the run.
        if (c.Type == ColumnType.Integer)
            yield return Check(header, $"{raw} IS NOT NULL AND {value} IS NULL AND regexp_full_match({raw}, {WholeNumber})",
                $"{Lit(header + " '")} || {shown} || {Lit($"' is out of range (a whole number of at most {MaxOf(c.StoredType)})")}");
        if (c.Type == ColumnType.Number)
            yield return Check(header, $"{value} IS NOT NULL AND (NOT isfinite({value}) OR TRY_CAST({value} AS {c.StoredType}) IS NULL)",
                $"{Lit(header + " '")} || {shown} || {Lit($"' is out of range (a finite number of at most {MaxOf(c.StoredType)})")}");
        if (c.Type != ColumnType.Text)
            yield return Check(header, $"{raw} IS NOT NULL AND {value} IS NULL",
                $"{Lit(header + " '")} || {shown} || {Lit("' is not " + Describe(c.Type))}");
        if (c.Type is ColumnType.Date or ColumnType.Timestamp)
        {
            // Implausible dates made tens of thousands of periods (0000-01-01) or stretched every period list (2099).
            // Invariant: under th-TH's Buddhist calendar 2000 would be written 2543.
            var latest = DateTime.Now.AddDays(options.FutureDays);
            string Day(IFormattable d, string format = "yyyy-MM-dd") => d.ToString(format, CultureInfo.InvariantCulture);
            var (first, last) = c.Type == ColumnType.Date
                ? ($"DATE '{Day(options.EarliestDate)}'", $"DATE '{Day(latest)}'")
                : ($"TIMESTAMP '{Day(options.EarliestDate)} 00:00:00'", $"TIMESTAMP '{Day(latest, "yyyy-MM-dd HH:mm:ss")}'");
            yield return Check(header, $"{value} < {first}",
                $"{Lit(header + " ")} || {shown} || {Lit($" is before {Day(options.EarliestDate)}, the earliest plausible date (--earliest-date)")}");
            yield return Check(header, $"{value} > {last}",
                $"{Lit(header + " ")} || {shown} || {Lit($" is after {Day(latest)}, {options.FutureDays} days after this load (--future-days)")}");
        }
        if (c.Values is { } values)
            yield return Check(header, $"{value} NOT IN ({string.Join(", ", values.Select(Lit))})",
                $"{Lit(header + " '")} || {options.ShownSql(value)} || {Lit("' is not one of " + string.Join("/", values))}");
        if (c.NonNegative)
            yield return Check(header, $"{value} < 0", $"{Lit(header + " ")} || {value} || ' is negative'");
        if (c.Region)
            yield return Check(header, $"{value} IS NOT NULL AND TRY_CAST({value} AS scratch.region_codes) IS NULL",
                $"{Lit(header + " ")} || {options.ShownSql(value)} || ' is not a known region code'");
    }

    /// <summary>The largest value a stored type holds, as a reason names it.</summary>
    private static string MaxOf(string sqlType)
    {
        if (sqlType == "INTEGER") return int.MaxValue.ToString(CultureInfo.InvariantCulture);
        if (sqlType == "BIGINT") return long.MaxValue.ToString(CultureInfo.InvariantCulture);
        if (System.Text.RegularExpressions.Regex.Match(sqlType, @"^DECIMAL\((\d+), ?(\d+)\)$") is { Success: true } m)
        {
            var (digits, scale) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
            return new string('9', digits - scale) + (scale > 0 ? "." + new string('9', scale) : "");
        }
        return "1.7976931348623157E+308";
    }

    private static string Check(string header, string badWhen, string reasonSql) =>
        $"WHEN {badWhen} THEN {{'column': {Lit(header)}, 'reason': {reasonSql}}}";

    private static string Describe(ColumnType type) => type switch
    {
        ColumnType.Integer => "a whole number",
        ColumnType.Number => "a number",
        ColumnType.Date => "a date (2024-07-03, 2024/7/3 or 2024-07-03 14:05:00)",
        ColumnType.Timestamp => "a date and time (2024-07-03 14:05:00 or 2024/7/3 14:05:00)",
        ColumnType.YesNo => "是 or 否",
        _ => "text",
    };
}
