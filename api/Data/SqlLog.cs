using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using LinqToDB.Data;

namespace Analytics.Api.Data;

/// <summary>
/// The last SQL statements linq2db sent to DuckDB, newest last: logged at debug level and kept for tests and the
/// bench, which check that $filter, $apply and paging run inside DuckDB.
/// </summary>
public sealed class SqlLog(ILogger<SqlLog> logger)
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<Statement> recent = new();

    /// <summary>A statement as sent: its text and parameter values, to run again (the bench does).</summary>
    public sealed record Statement(string CommandText, IReadOnlyList<(string Name, object? Value)> Parameters)
    {
        /// <summary>The parameters' values as comments, then the statement.</summary>
        public override string ToString() =>
            string.Concat(Parameters.Select(p => $"-- {p.Name} = {Text(p.Value)}\n")) + CommandText;

        private static string? Text(object? value) =>
            value is null or DBNull ? "NULL" : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    public void Add(TraceInfo info, DbCommand command)
    {
        // linq2db renders its trace text (declarations and all) only when asked: not for every request.
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("SQL: {Sql}", info.SqlText);
        var parameters = new (string, object?)[command.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = (command.Parameters[i].ParameterName, command.Parameters[i].Value);
        recent.Enqueue(new Statement(command.CommandText, parameters));
        while (recent.Count > Capacity)
            recent.TryDequeue(out _);
    }

    /// <summary>The SQL, each preceded by its parameters' values.</summary>
    public IReadOnlyList<string> Recent => recent.Select(r => r.ToString()).ToArray();

    public IReadOnlyList<Statement> RecentStatements => recent.ToArray();

    public void Clear() => recent.Clear();
}
