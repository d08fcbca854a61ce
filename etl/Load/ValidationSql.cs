using Analytics.Etl.Sources;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Builds the SQL that turns the text table <c>raw</c> (one VARCHAR column per stored source column, plus _row and
/// _sheet) into <c>checked</c>: typed values and, per row, the first problem found. DuckDB does the work so a
/// ten-million-row file is validated at scan speed.
/// </summary>
internal static class ValidationSql
{
    public const string DateFormats =
        "['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']";

    public static string Checked(SourceFamily family)
    {
        var columns = family.Stored.ToList();
        var typed = string.Join(",\n    ", columns.Select(c => $"{Text(c)} AS {Id("r_" + c.Name)}, {Typed(c)} AS {Id(c.Name)}"));
        var checks = columns.SelectMany(ColumnChecks)
            .Concat(family.Rules.Select(r => Check(family.Column(r.Column).Header, $"({r.BadWhen})", r.ReasonSql)));
        var key = string.Join(", ", family.Key.Select(Id));
        var keyHeader = string.Join("+", family.Key.Select(k => family.Column(k).Header));
        var sameKey = string.Join(" AND ", family.Key.Select(k => $"e.{Id(k)} = d.{Id(k)}"));
        var output = string.Join(", ", columns.Select(c => "d." + Id(c.Name)));
        return $$"""
            CREATE OR REPLACE TEMP TABLE checked AS
            WITH typed AS (
              SELECT coalesce(_row, rowid + 2) AS _row, _sheet,
                {{typed}}
              FROM raw
            ), flagged AS (
              SELECT *, CASE
                {{string.Join("\n    ", checks)}}
              END AS _problem
              FROM typed
            ), dedup AS (
              SELECT *, min(CASE WHEN _problem IS NULL THEN {'s': coalesce(_sheet, ''), 'r': _row} END)
                OVER (PARTITION BY {{key}}) AS _first
              FROM flagged
            )
            SELECT d._row, d._sheet, {{output}},
              CASE
                WHEN d._problem IS NOT NULL THEN d._problem
                WHEN d._first <> {'s': coalesce(d._sheet, ''), 'r': d._row} THEN {'column': {{Lit(keyHeader)}},
                  'reason': 'duplicate of row ' || d._first.r || CASE WHEN d._first.s <> '' THEN ' of sheet ' || d._first.s ELSE '' END || ' in this file'}
                WHEN e._file IS NOT NULL THEN {'column': {{Lit(keyHeader)}},
                  'reason': 'duplicate of ' || e._file || ' row ' || e._row}
              END AS _problem
            FROM dedup d
            LEFT JOIN (SELECT {{key}}, min(_file) AS _file, min(_row) AS _row FROM {{family.Table}} GROUP BY ALL) e ON {{sameKey}}
            """;
    }

    public static string InsertStaging(SourceFamily family, string file)
    {
        var names = string.Join(", ", family.Stored.Select(c => Id(c.Name)));
        return $"""
            INSERT INTO {family.Table} ({names}, _file, _sheet, _row)
            SELECT {names}, {Lit(file)}, _sheet, _row FROM checked WHERE _problem IS NULL
            """;
    }

    public static string InsertQuarantine(SourceFamily family, string runId, string file)
    {
        // Personal columns (dropped or hashed) never reach the raw text.
        var rawJson = string.Join(", ", family.Columns.Where(c => c.Personal == Personal.No)
            .Select(c => $"{Id(c.Header)} := r.{Id(c.Name)}"));
        return $"""
            INSERT INTO quarantine
            SELECT {Lit(runId)}, {Lit(file)}, c._sheet, c._row, c._problem.column, c._problem.reason,
                   to_json(struct_pack({rawJson}))::VARCHAR
            FROM checked c
            JOIN raw r ON coalesce(r._row, r.rowid + 2) = c._row AND r._sheet IS NOT DISTINCT FROM c._sheet
            WHERE c._problem IS NOT NULL
            """;
    }

    private static string Text(SourceColumn c) => $"nullif(trim({Id(c.Name)}), '')";

    private static string Typed(SourceColumn c)
    {
        var text = Text(c);
        return c.Type switch
        {
            // TRY_CAST would round '2.5' to 3: a count with a fraction is an error, not a number to fix up.
            ColumnType.Integer => $"CASE WHEN regexp_full_match({text}, '[+-]?[0-9]+') THEN TRY_CAST({text} AS BIGINT) END",
            ColumnType.Number => $"TRY_CAST({text} AS DOUBLE)",
            ColumnType.Date => $"CAST(try_strptime({text}, {DateFormats}) AS DATE)",
            ColumnType.Timestamp => $"try_strptime({text}, {DateFormats})",
            ColumnType.YesNo => $"CASE {text} WHEN '是' THEN true WHEN '否' THEN false END",
            _ => text,
        };
    }

    private static IEnumerable<string> ColumnChecks(SourceColumn c)
    {
        var raw = Id("r_" + c.Name);
        var value = Id(c.Name);
        var header = c.Header;
        if (c.Required)
            yield return Check(header, $"{raw} IS NULL", Lit($"{header} is empty"));
        if (c.Type != ColumnType.Text)
            yield return Check(header, $"{raw} IS NOT NULL AND {value} IS NULL",
                $"{Lit(header + " '")} || {raw} || {Lit("' is not " + Describe(c.Type))}");
        if (c.Values is { } values)
            yield return Check(header, $"{value} NOT IN ({string.Join(", ", values.Select(Lit))})",
                $"{Lit(header + " '")} || {value} || {Lit("' is not one of " + string.Join("/", values))}");
        if (c.NonNegative)
            yield return Check(header, $"{value} < 0", $"{Lit(header + " ")} || {value} || ' is negative'");
        if (c.Region)
            yield return Check(header, $"{value} NOT IN (SELECT code FROM stg_regions)",
                $"{Lit(header + " ")} || {value} || ' is not a known region code'");
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
