using System.Text.RegularExpressions;
using Analytics.Api.Data;
using LinqToDB;
using LinqToDB.Data;

namespace Analytics.Api.OData;

/// <summary>
/// Incremental refresh: <c>?changedSince=&lt;generation&gt;</c> on any set answers only the rows that are new or
/// different in the current generation compared with that one (its $filter, $select, paging and scope as usual).
/// Every feed answer names its generation in the <c>Warehouse-Generation</c> header; a client keeps it and asks
/// for what changed since at its next refresh. The comparison is DuckDB's EXCEPT of the two generations' rows
/// (the older catalog attached read-only), so it holds whatever the load changed: a new month, a corrected file, a
/// restated older period. Rows removed since are not listed (a withdrawn source file): a full refresh shows those.
/// Only the generations the loader keeps can be compared; an older one answers 410, asking for a full refresh.
/// </summary>
public static partial class ChangedSince
{
    public const string Parameter = "changedSince";
    public const string Header = "Warehouse-Generation";
    private const string Alias = "changed_since";

    /// <summary>The generation id clients see: the generation file's name without its extension.</summary>
    public static string Id(string generationFile) => Path.GetFileNameWithoutExtension(generationFile);

    /// <summary>The file of the generation a request compares with; null without the parameter.</summary>
    public static string? File(HttpRequest request, WarehouseSession session)
    {
        if (!request.Query.TryGetValue(Parameter, out var values))
            return null;
        var id = values.ToString();
        if (!GenerationId().IsMatch(id))
            throw new Microsoft.OData.ODataException($"{Parameter} 应为某次装载的代次编号（响应头 {Header} 给出），而不是 '{Truncate(id)}'。");
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
        // The file is one of the generation files (checked above), never a path from the request.
        session.Db.Execute($"ATTACH IF NOT EXISTS '{file.Replace("'", "''", StringComparison.Ordinal)}' AS {Alias} (READ_ONLY)");
        return session.Table<T>().Except(session.Db.GetTable<T>().SchemaName(Alias));
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[0-9A-Za-z-]{1,64}$")]
    private static partial Regex GenerationId();
}

/// <summary>A generation no longer kept: 410 Gone, the client refreshes fully.</summary>
public sealed class GenerationGoneException(string message) : Exception(message);
