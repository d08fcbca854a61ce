using System.Collections.Concurrent;

namespace Analytics.Api.Warehouse;

/// <summary>
/// The last SQL statements linq2db sent to DuckDB, newest last: logged at debug level and kept for tests and the
/// bench, which check that $filter, $apply and paging run inside DuckDB.
/// </summary>
public sealed class SqlLog(ILogger<SqlLog> logger)
{
    private const int Capacity = 200;
    private readonly ConcurrentQueue<string> recent = new();

    public void Add(string sql)
    {
        logger.LogDebug("SQL: {Sql}", sql);
        recent.Enqueue(sql);
        while (recent.Count > Capacity)
            recent.TryDequeue(out _);
    }

    public IReadOnlyList<string> Recent => recent.ToArray();

    public void Clear() => recent.Clear();
}
