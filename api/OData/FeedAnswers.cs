using System.Security.Cryptography;
using System.Text;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Analytics.Api.OData;

/// <summary>
/// One kept answer of the feed: its rows (or value), the count $count=true asked for, the next page's link, and the
/// parsed $select the writer needs to know which properties the rows hold.
/// </summary>
public sealed record FeedAnswer(object? Rows, long? TotalCount, Uri? NextLink, long Size, Microsoft.OData.UriParser.SelectExpandClause? Select = null,
    int PageSize = 0)
{
    // Microsoft.AspNetCore.OData 9.5 writes a skiptoken next link while serialising, from the page size ApplyTo left
    // in this internal property; a kept answer, written without ApplyTo, must put it back or the link is lost.
    private static readonly System.Reflection.PropertyInfo PageSizeProperty =
        typeof(Microsoft.AspNetCore.OData.Abstracts.ODataFeature).GetProperty("PageSize", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("ODataFeature.PageSize not found: check next links of kept answers after upgrading Microsoft.AspNetCore.OData");

    public static int PageSizeOf(Microsoft.AspNetCore.OData.Abstracts.IODataFeature feature) =>
        feature is Microsoft.AspNetCore.OData.Abstracts.ODataFeature f ? (int)PageSizeProperty.GetValue(f)! : 0;

    // With it, the writer also needs the query options ApplyTo leaves here (for the $orderby of the skiptoken).
    private static readonly System.Reflection.PropertyInfo QueryOptionsProperty =
        typeof(Microsoft.AspNetCore.OData.Abstracts.ODataFeature).GetProperty("QueryOptions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("ODataFeature.QueryOptions not found: check next links of kept answers after upgrading Microsoft.AspNetCore.OData");

    /// <summary>What ApplyTo would have left for the writer: the page size and the request's own query options.</summary>
    public void WritePageSize(Microsoft.AspNetCore.OData.Abstracts.IODataFeature feature, Microsoft.AspNetCore.OData.Query.ODataQueryOptions options)
    {
        if (feature is not Microsoft.AspNetCore.OData.Abstracts.ODataFeature f)
            return;
        PageSizeProperty.SetValue(f, PageSize);
        if (PageSize > 0)
            QueryOptionsProperty.SetValue(f, options);
    }
}

/// <summary>
/// The feed's questions and their kept answers. A question is the set's address and query (without the api_key,
/// which only says who asks) in a scope: the key's role, its region and whether it sees figures from outside it.
/// Its ETag is the generation plus the question, so <c>If-None-Match</c> is answered 304 before any SQL, and
/// <c>Cache-Control</c> lets a client trust an answer for <see cref="QueryLimits.AnswerMaxAge"/>: a load publishing
/// within that time is seen once it has passed (or at once by a client that revalidates).
/// </summary>
public sealed class FeedAnswers(IOptions<QueryLimits> limits)
{
    private const string KeyParameter = "api_key";
    private const string SkipToken = "$skiptoken";

    public AnswerCache Cache { get; } = new(limits.Value.AnswerCacheRows);

    public sealed record Asked(string Generation, string Key, int PageSize, bool NotModified);

    public Asked Question(HttpContext context, WarehouseSession session, int pageSize)
    {
        var request = context.Request;
        var user = context.User;
        var scope = AnswerCache.Scope(user);
        var query = request.Query.Where(p => p.Key != KeyParameter && p.Key != SkipToken)
            .Select(p => $"{p.Key}={p.Value}");
        var key = string.Join('\n', [scope, request.Path.Value ?? "", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), .. query]);
        var generation = session.GenerationFile;
        var etag = ETag(Path.GetFileName(generation), key, request.Query[SkipToken].ToString(), request.Headers.Accept.ToString());
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = $"private, max-age={(int)limits.Value.AnswerMaxAge.TotalSeconds}";
        response.Headers.Vary = "X-Api-Key, Accept, Prefer";
        response.Headers[ChangedSince.Header] = ChangedSince.Id(generation);
        var notModified = request.Headers.IfNoneMatch.Any(h => (h ?? "").Split(',', StringSplitOptions.TrimEntries).Any(t => t == "*" || t == etag));
        return new Asked(generation, key, pageSize, notModified);
    }

    public FeedAnswer Get(Asked question, string part, Func<FeedAnswer> compute) =>
        Cache.Get(question.Generation, question.Key + "\n" + part, () =>
        {
            var answer = compute();
            return (answer, answer.Size);
        });

    private static string ETag(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>The request's own address with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static Uri WithQuery(HttpRequest request, string name, string value)
    {
        var query = request.Query.Where(p => p.Key != name).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create(name, (string?)value));
        return new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query)));
    }

    /// <summary>
    /// A kept next link made the asker's own: its paging parameters on this request's address, with this request's
    /// api_key (or none), never the host or the key of whoever asked first.
    /// </summary>
    public static Uri Rebased(Uri kept, HttpRequest request)
    {
        var paging = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(kept.Query)
            .Where(p => p.Key is "$skiptoken" or "$skip" or "$top");
        var query = request.Query.Where(p => p.Key is not ("$skiptoken" or "$skip" or "$top"))
            .Concat(paging)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
        return new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query)));
    }
}
