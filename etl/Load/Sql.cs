namespace Analytics.Etl.Load;

/// <summary>Quoting for SQL text built from our own specs and file paths.</summary>
internal static class Sql
{
    public static string Lit(string? value) => Analytics.Warehouse.Storage.DuckSql.Lit(value);

    public static string Id(string name) => Analytics.Warehouse.Storage.DuckSql.Id(name);
}
