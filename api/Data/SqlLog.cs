using System.Collections.Concurrent;

namespace Analytics.Api.Data;

/// <summary>
/// The last SQL statements linq2db sent to DuckDB, newest last: logged at debug level and kept for tests and the
/// bench, which check that $filter, $apply and paging run inside DuckDB.
/// </summary>
public sealed class SqlLog(ILogger<SqlLog> logger)
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<(string Sql, Statement Statement)> recent = new();

    /// <summary>A statement as sent: its text and parameter values, to run again (the bench does).</summary>
    public sealed record Statement(string CommandText, IReadOnlyList<(string Name, object? Value)> Parameters);

    public void Add(string sql, System.Data.Common.DbCommand command)
    {
        logger.LogDebug("SQL: {Sql}", sql);
        var parameters = command.Parameters.Cast<System.Data.Common.DbParameter>()
            .Select(p => (p.ParameterName, p.Value)).ToList();
        recent.Enqueue((sql, new Statement(command.CommandText, parameters)));
        while (recent.Count > Capacity)
            recent.TryDequeue(out _);
    }

    /// <summary>The SQL with its parameter declarations, as linq2db traces it.</summary>
    public IReadOnlyList<string> Recent => recent.Select(r => r.Sql).ToArray();

    public IReadOnlyList<Statement> RecentStatements => recent.Select(r => r.Statement).ToArray();

    public void Clear() => recent.Clear();
}
