namespace Analytics.Etl.Load;

/// <summary>Quoting for SQL text built from our own specs and file paths.</summary>
internal static class Sql
{
    public static string Lit(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''") + "'";

    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
