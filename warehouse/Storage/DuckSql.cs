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

    private static readonly bool Trace = Environment.GetEnvironmentVariable("ANALYTICS_TRACE") == "1";

    public static int Execute(DuckDBConnection connection, string sql)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = Trace ? Environment.CpuUsage.TotalTime : TimeSpan.Zero;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var n = command.ExecuteNonQuery();
        if (Trace)
            Console.Error.WriteLine($"[trace] {watch.Elapsed.TotalMilliseconds,8:F0} ms {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,8:F0} cpu  {sql.Split('\n')[0].Trim()}");
        return n;
    }

    public static List<T> Query<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var trace = Trace ? new TraceOnDispose(watch, Environment.CpuUsage.TotalTime, sql) : null;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }

    private sealed class TraceOnDispose(System.Diagnostics.Stopwatch watch, TimeSpan cpu, string sql) : IDisposable
    {
        public void Dispose() => Console.Error.WriteLine(
            $"[trace] {watch.Elapsed.TotalMilliseconds,8:F0} ms {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,8:F0} cpu  query {sql.Split('\n')[0].Trim()}");
    }

    /// <summary>Times a step that is not one statement (copying a catalog, hashing files) in the same trace.</summary>
    public static void Step(string name, Action action)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        action();
        if (Trace)
            Console.Error.WriteLine($"[trace] {watch.Elapsed.TotalMilliseconds,8:F0} ms {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,8:F0} cpu  step {name}");
    }
}
