using System.Data.Common;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Storage;

/// <summary>The few ways the loader and the fact store talk to DuckDB: statements, rows, and quoting.</summary>
public static class DuckSql
{
    /// <summary>A string literal for SQL text built from our own specs and file paths.</summary>
    public static string Lit(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''") + "'";

    /// <summary>A quoted identifier.</summary>
    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static int Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }
}
