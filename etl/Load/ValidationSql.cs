using System.Globalization;
using Analytics.Etl.Sources;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Builds the SQL that turns the text table <c>batch</c> (one VARCHAR column per stored source column, plus _file,
/// _sheet and _row, for every changed file of a family) into <c>checked</c>: typed values and, per row, the first problem found. DuckDB does the work so a
/// ten-million-row file is validated at scan speed.
/// </summary>
internal static class ValidationSql
{
    public const string DateFormats =
        "['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']";

    /// <param name="options">The plausible date window and how much source text a reason may quote.</param>
    public static string Checked(SourceFamily family, LoadOptions options)
    {
        var columns = family.Stored.ToList();
        var texts = string.Join(",\n    ", columns.Select(c => $"{Text(c)} AS {RawText(c)}"));
        var typed = string.Join(",\n    ", columns.Select(c => $"{Typed(c)} AS {Id(c.Name)}"));
        var checks = columns.SelectMany(c => ColumnChecks(c, options))
            .Concat(family.Rules.Select(r => Check(family.Column(r.Column).Header, $"({r.BadWhen})", options.ShownSql(r.ReasonSql))));
        var key = string.Join(", ", family.Key.Select(Id));
        var keyHeader = string.Join("+", family.Key.Select(k => family.Column(k).Header));
        var sameKey = string.Join(" AND ", family.Key.Select(k => $"e.{Id(k)} = d.{Id(k)}"));
        var output = string.Join(", ", columns.Select(c => "d." + Id(c.Name)));
        // The first good row with a key (by position in the batch) wins; a later one, in the same file or a later
        // file of the batch, is a duplicate (_dup_of names it), and so is a row whose key an unchanged file loaded.
        return $$"""
            CREATE OR REPLACE TEMP TABLE checked AS
            WITH texts AS (
              SELECT b.rowid AS _rid, f.file AS _file, b._sheet, coalesce(b._row, b.rowid - f.first_rid + 2) AS _row,
                {{texts}}
              FROM batch b JOIN batch_files f ON f.path = b._file
            ), typed AS (
              -- Each value is trimmed once (texts), then typed from the trimmed text.
              SELECT *,
                {{typed}}
              FROM texts
            ), flagged AS (
              SELECT *, CASE
                {{string.Join("\n    ", checks)}}
              END AS _problem
              FROM typed
            ), candidates AS (
              -- Grouping 64-bit hashes of the key is far cheaper than grouping the text; the few candidates are
              -- then checked on the key itself, so a hash collision costs nothing but a second look.
              SELECT hash({{key}}) AS h FROM flagged WHERE _problem IS NULL GROUP BY ALL HAVING count(*) > 1
            ), firsts AS (
              SELECT {{key}}, min(_rid) AS _first FROM flagged
              WHERE _problem IS NULL AND hash({{key}}) IN (SELECT h FROM candidates)
              GROUP BY ALL HAVING count(*) > 1
            ), dedup AS (
              SELECT flagged.*, coalesce(firsts._first, flagged._rid) AS _first
              FROM flagged LEFT JOIN firsts USING ({{key}})
            )
            SELECT d._rid, d._file, d._sheet, d._row, {{output}},
              CASE
                WHEN d._problem IS NOT NULL THEN d._problem
                WHEN d._first <> d._rid THEN {'column': {{Lit(keyHeader)}}, 'reason': NULL}
                WHEN e._file IS NOT NULL THEN {'column': {{Lit(keyHeader)}}, 'reason': 'duplicate of ' || e._file || ' row ' || e._row}
              END AS _problem,
              CASE WHEN d._problem IS NULL AND d._first <> d._rid THEN d._first END AS _dup_of
            FROM dedup d
            LEFT JOIN {{family.Table}} e ON {{sameKey}}
            """;
    }

    public static string InsertStaging(SourceFamily family)
    {
        var names = string.Join(", ", family.Stored.Select(c => Id(c.Name)));
        return $"""
            INSERT INTO {family.Table} ({names}, _file, _sheet, _row)
            SELECT {names}, _file, _sheet, _row FROM checked WHERE _problem IS NULL
            """;
    }

    public static string InsertQuarantine(SourceFamily family, string runId, LoadOptions options)
    {
        // Personal columns (dropped or hashed) never reach the raw text; a 50 MB value does not either, whole.
        var rawJson = string.Join(", ", family.Columns.Where(c => c.Personal == Personal.No)
            .Select(c => $"{Id(c.Header)} := {options.ShownSql("r." + Id(c.Name))}"));
        return $"""
            INSERT INTO quarantine
            SELECT {Lit(runId)}, c._file, c._sheet, c._row, c._problem.column,
                   coalesce(c._problem.reason, 'duplicate of ' || CASE WHEN o._file = c._file THEN '' ELSE o._file || ' ' END
                     || 'row ' || o._row || coalesce(' of sheet ' || o._sheet, '') || CASE WHEN o._file = c._file THEN ' in this file' ELSE '' END),
                   to_json(struct_pack({rawJson}))::VARCHAR
            FROM checked c
            JOIN batch r ON r.rowid = c._rid
            LEFT JOIN checked o ON o._rid = c._dup_of
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
            yield return Check(header, $"{value} NOT IN (SELECT code FROM stg_regions)",
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
