using System.Collections.Concurrent;
using LinqToDB;

namespace Analytics.Api.Queries;

/// <summary>
/// SQL rendered by linq2db from the query layer, kept by the values it was rendered for. linq2db optimises and
/// renders a statement with a string parameter again on every run (its text depends on whether the value is null),
/// a measurable share of a cold question. Bounded: when full, it starts over (the questions asked after a load are
/// the ones asked before it, so it fills again at once).
/// </summary>
public sealed class StatementCache(int capacity)
{
    private readonly ConcurrentDictionary<object, QuerySql> statements = new();

    /// <summary>Rendered statements kept (for tests).</summary>
    public int Count => statements.Count;

    /// <summary>The statement for <paramref name="key"/>: every value the SQL depends on.</summary>
    public QuerySql Get(object key, Func<QuerySql> render)
    {
        if (statements.TryGetValue(key, out var kept))
            return kept;
        var statement = render();
        if (statements.Count >= capacity)
            statements.Clear();
        statements[key] = statement;
        return statement;
    }
}
