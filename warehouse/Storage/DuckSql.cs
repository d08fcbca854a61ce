using System.Data.Common;

namespace Analytics.Warehouse.Storage;

/// <summary>The few ways the loader and the fact store talk to DuckDB: statements, rows, and quoting.</summary>
public static class DuckSql
{
    /// <summary>A string literal for SQL text built from our own specs and file paths.</summary>
    public static string Lit(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''") + "'";

    /// <summary>A quoted identifier.</summary>
    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static readonly bool Trace = Environment.GetEnvironmentVariable("ANALYTICS_TRACE") == "1";

    public static int Execute(DbConnection connection, string sql)
    {
        using var trace = Span.Start(sql);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        using var trace = Span.Start("query " + sql);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }

    /// <summary>Times a step that is not one statement (copying a catalog, hashing files) in the same trace.</summary>
    public static T Step<T>(string name, Func<T> step)
    {
        using var trace = Span.Start("step " + name);
        return step();
    }

    public static void Step(string name, Action step) => Step(name, () => { step(); return 0; });

    /// <summary>One line of the trace: wall and CPU time (CPU says more than wall on a busy machine) and what ran.</summary>
    private sealed class Span(string what) : IDisposable
    {
        private readonly System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        private readonly TimeSpan cpu = Environment.CpuUsage.TotalTime;

        public static Span? Start(string what) => Trace ? new Span(what) : null;

        private static readonly DateTime ProcessStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

        // "at" (ms since the process started, at the end of the span) shows the time between statements too.
        public void Dispose() => Console.Error.WriteLine(
            $"[trace] {watch.Elapsed.TotalMilliseconds,8:F0} ms {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,8:F0} cpu " +
            $"{(DateTime.UtcNow - ProcessStart).TotalMilliseconds,7:F0} at  {what.Split('\n')[0].Trim()}");
    }
}
