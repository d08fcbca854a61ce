using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Analytics.Api.Data;
using LinqToDB;
using LinqToDB.Data;

namespace Analytics.Api.OData;

/// <summary>
/// Incremental refresh: <c>?changedSince=&lt;generation&gt;</c> on any set answers only the rows that are new or
/// different in the current generation compared with that one (its $filter, $select, paging and scope as usual), and
/// <c>?removedSince=&lt;generation&gt;</c> the rows of that generation whose key the current one no longer has, as
/// they were (a source file withdrawn, or replaced by a version without them). A client upserts the first by key and
/// deletes the second by key. Every feed answer names its generation in the <c>Warehouse-Generation</c> header; a
/// client keeps it and asks for what changed since at its next refresh. The comparison is over the two generations'
/// catalogs (the older one attached read-only; both read the fact store's parts, which a load never rewrites): EXCEPT
/// of whole rows for changes, a key anti-join for removals, so it holds whatever the load changed: a new month, a
/// corrected file, a restated older period, a pruned file. Only the generations the loader keeps can be compared; an
/// older one answers 410, asking for a full refresh.
/// </summary>
public static partial class ChangedSince
{
    public const string Parameter = "changedSince";
    public const string RemovedParameter = "removedSince";
    public const string Header = "Warehouse-Generation";
    /// <summary>
    /// The older catalog's name: one per generation compared with, since DuckDB attaches a catalog to the database
    /// instance that every request on the current generation shares, not to one connection. With a single name, the
    /// first generation attached answered for every later <c>changedSince</c> or <c>removedSince</c> of another one.
    /// </summary>
    private static string Alias(string file) => "since_" + Id(file).Replace('-', '_');

    /// <summary>The generation id clients see: the generation file's name without its extension.</summary>
    public static string Id(string generationFile) => Path.GetFileNameWithoutExtension(generationFile);

    /// <summary>The file of the generation a request compares with; null without the parameter.</summary>
    public static string? File(HttpRequest request, WarehouseSession session, string parameter = Parameter)
    {
        if (!request.Query.TryGetValue(parameter, out var values))
            return null;
        if (request.Query.ContainsKey(Parameter) && request.Query.ContainsKey(RemovedParameter))
            throw new Microsoft.OData.ODataException(
                $"{Parameter} 与 {RemovedParameter} 不能同时使用：分两次请求，先取新增或改变的行，再取删除的行。");
        var id = values.ToString();
        if (!GenerationId().IsMatch(id))
            throw new Microsoft.OData.ODataException($"{parameter} 应为某次装载的代次编号（响应头 {Header} 给出），而不是 '{Truncate(id)}'。");
        var current = session.GenerationFile;
        var file = Path.Combine(Path.GetDirectoryName(current)!, id + Path.GetExtension(current));
        if (!System.IO.File.Exists(file))
            throw new GenerationGoneException($"代次 {id} 已不保留（只保留最近几次装载），请做一次全量刷新，再用新的 {Header} 增量刷新。");
        return file;
    }

    /// <summary>The rows of <typeparamref name="T"/> new or changed since <paramref name="file"/>'s generation.</summary>
    public static IQueryable<T> Rows<T>(WarehouseSession session, string file) where T : class
    {
        if (string.Equals(file, session.GenerationFile, StringComparison.Ordinal))
            return session.Table<T>().Where(_ => false);
        return session.Table<T>().Except(Attach<T>(session, file));
    }

    /// <summary>
    /// The rows of <paramref name="file"/>'s generation whose key (<paramref name="set"/>'s declared key) the current
    /// generation no longer has, with the values they had: what a client that refreshed at that generation deletes.
    /// </summary>
    public static IQueryable<T> Removed<T>(WarehouseSession session, string file, EntitySet<T> set) where T : class
    {
        var current = session.Table<T>();
        if (string.Equals(file, session.GenerationFile, StringComparison.Ordinal))
            return current.Where(_ => false);
        var older = Attach<T>(session, file);
        // older.Where(o => !current.Any(c => c.K1 == o.K1 && ...)): DuckDB runs it as one anti-join on the key.
        var o = Expression.Parameter(typeof(T), "o");
        var c = Expression.Parameter(typeof(T), "c");
        var sameKey = set.Key
            .Select(p => (Expression)Expression.Equal(Expression.Property(c, p), Expression.Property(o, p)))
            .Aggregate(Expression.AndAlso);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(T)], current.Expression,
            Expression.Quote(Expression.Lambda<Func<T, bool>>(sameKey, c)));
        return older.Where(Expression.Lambda<Func<T, bool>>(Expression.Not(any), o));
    }

    /// <summary>The table of <typeparamref name="T"/> in <paramref name="file"/>'s generation, attached.</summary>
    private static ITable<T> Attach<T>(WarehouseSession session, string file) where T : class
    {
        // The file is one of the generation files (checked in File), never a path from the request.
        var path = file.Replace("'", "''", StringComparison.Ordinal);
        session.Db.Execute($"ATTACH IF NOT EXISTS '{path}' AS {Alias(file)} (READ_ONLY)");
        return session.Db.GetTable<T>().SchemaName(Alias(file));
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[0-9A-Za-z-]{1,64}$")]
    private static partial Regex GenerationId();
}

/// <summary>A generation no longer kept: 410 Gone, the client refreshes fully.</summary>
public sealed class GenerationGoneException(string message) : Exception(message);
