using System.Text;
using System.Text.RegularExpressions;
using Analytics.Etl.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Docs;

/// <summary>
/// Renders, for docs/domain/sources.md, one block per source family: where its files are, each column as declared in
/// <see cref="Families"/> beside the type its staging table stores, the key and the cross-column rules.
/// The prose around the blocks is written by hand.
/// </summary>
internal static partial class SourceDocs
{
    public const string File = "docs/domain/sources.md";

    public static Dictionary<string, string> Render(IEnumerable<SourceFamily> families) =>
        families.ToDictionary(f => f.Name, Render);

    private static string Render(SourceFamily family)
    {
        var stored = StagingColumns(family.Table);
        var text = new StringBuilder();
        text.Append($"Files: {Files(family)}; staging table `{family.Table}`; ")
            .Append($"key: {string.Join(" + ", family.Key.Select(k => family.Column(k).Header))} ")
            .Append("(a second row with the same key is rejected as a duplicate).\n\n")
            .Append("| header | column | type | required | values and checks | stored as |\n")
            .Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var c in family.Columns)
        {
            var storedAs = c.Personal switch
            {
                Personal.Drop => "**personal: never read**",
                Personal.Hash => $"**personal: salted hash** `{Stored(stored, family, c)}`",
                _ => $"`{Stored(stored, family, c)}`",
            };
            text.Append($"| {c.Header} | `{c.Name}` | {TypeName(c.Type)} | {(c.Required ? "yes" : "")} | {Checks(c)} | {storedAs} |\n");
        }
        if (family.Rules.Count > 0)
        {
            text.Append("\nA row is also rejected when (SQL over the typed columns):\n\n");
            foreach (var rule in family.Rules)
                text.Append($"- {family.Column(rule.Column).Header}: `{rule.BadWhen.Replace("|", "\\|", StringComparison.Ordinal)}`\n");
        }
        return text.ToString();
    }

    private static string Files(SourceFamily family)
    {
        string[] extensions = family.Format switch
        {
            SourceFormat.Csv => [".csv", ".csv.gz"],
            SourceFormat.Jsonl => [".jsonl", ".jsonl.gz"],
            _ => [".xlsx"],
        };
        return string.Join(" or ", extensions.Select(e => $"`{family.Pattern}*{e}`"));
    }

    private static string TypeName(ColumnType type) => type switch
    {
        ColumnType.Integer => "whole number",
        ColumnType.Number => "number",
        ColumnType.Date => "date",
        ColumnType.Timestamp => "date and time",
        ColumnType.YesNo => "是/否",
        _ => "text",
    };

    private static string Checks(SourceColumn c)
    {
        var checks = new List<string>();
        if (c.Values is { } values)
            checks.Add(values.SequenceEqual(MeasureCatalog.All.Select(m => m.Id)) ? "a measure id ([measures](measures.md))" : string.Join(" / ", values));
        if (c.NonNegative)
            checks.Add("not negative");
        if (c.Region)
            checks.Add("a known region code");
        return string.Join("; ", checks);
    }

    private static string Stored(Dictionary<string, string> stored, SourceFamily family, SourceColumn c) =>
        stored.TryGetValue(c.Name, out var type) ? type
            : throw new InvalidOperationException($"{family.Table} has no column {c.Name} in the staging DDL");

    /// <summary>Column name to declared type (with NOT NULL) of the staging script that creates <paramref name="table"/>.</summary>
    private static Dictionary<string, string> StagingColumns(string table)
    {
        var script = SqlScripts.Layer("staging").Select(SqlScripts.Get)
            .SingleOrDefault(s => Regex.IsMatch(s, $@"CREATE TABLE (IF NOT EXISTS )?(shape\.)?{table}\s*\("))
            ?? throw new InvalidOperationException($"no staging script creates {table}");
        return DdlColumn().Matches(script).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value.Trim());
    }

    [GeneratedRegex(@"^\s+(?<name>[a-z_0-9]+)\s+(?<type>[A-Z]+(\(\d+, ?\d+\))?( NOT NULL)?)", RegexOptions.Multiline)]
    private static partial Regex DdlColumn();
}
