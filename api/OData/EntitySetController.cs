using System.Collections;
using System.Reflection;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Container;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace Analytics.Api.OData;

/// <summary>
/// Every entity set of <see cref="EntitySets"/>, one closed generic controller each (<see cref="EntitySetRoutes"/>
/// names it and gives it its routes and policy). The query options are validated (<see cref="QueryLimits"/>) and
/// applied to the linq2db query after the key's region scope, so linq2db turns $filter, $apply, $orderby and paging
/// into one DuckDB statement. Answers are kept per generation (<see cref="FeedAnswers"/>): a repeated question
/// costs no SQL, and the pages of one $apply answer are cut from one computation.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class EntitySetController<T>(WarehouseSession session, IOptions<QueryLimits> limits, FeedAnswers answers)
    : ODataController
    where T : class
{
    private static readonly EntitySet<T> Set = EntitySets.Of<T>();
    private static readonly MethodInfo ToListMethod = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!;
    private static readonly MethodInfo LongCountMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.LongCount) && m.GetParameters().Length == 1);

    /// <summary>
    /// The rows this key may see: of those changed since a generation, or removed since, when the request asks
    /// (<see cref="ChangedSince"/>).
    /// </summary>
    private IQueryable<T> Rows() =>
        Set.Rows(session, User,
            ChangedSince.File(Request, session) is { } since ? ChangedSince.Rows<T>(session, since)
            : ChangedSince.File(Request, session, ChangedSince.RemovedParameter) is { } gone
                ? ChangedSince.Removed(session, gone, Set)
                : null);

    /// <summary><c>GET Set</c> and <c>GET Set/$count</c>.</summary>
    public IActionResult Get(ODataQueryOptions<T> options)
    {
        var limit = limits.Value;
        limit.Validate(options);
        var (pageSize, preferred) = PreferredPageSize.Of(Request.Headers["Prefer"], limit.MaxPageSize);
        if (preferred)
            Response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize}";
        _ = ChangedSince.File(Request, session);
        _ = ChangedSince.File(Request, session, ChangedSince.RemovedParameter);
        var question = answers.Question(HttpContext, session, pageSize);
        if (question.NotModified)
            return StatusCode(StatusCodes.Status304NotModified);
        if (Request.ODataFeature().Path?.LastSegment is CountSegment)
            return Ok(answers.Get(question, "", () => new FeedAnswer(Count(options), null, null, 1)).Rows);
        if (options.Apply is not null)
        {
            Request.ODataFeature().ApplyClause = options.Apply.ApplyClause;
            if (WholeAggregate(options, question) is { } page)
                return page;
        }
        var settings = new ODataQuerySettings { PageSize = pageSize, HandleNullPropagation = HandleNullPropagationOption.False };
        var answer = answers.Get(question, Request.Query["$skiptoken"].ToString(), () => Page(options, settings));
        return Answer(answer, answer.Rows, options);
    }

    /// <summary>
    /// A $apply answer is computed whole (up to <see cref="QueryLimits.ApplyAnswerRows"/> rows), kept, and paged in
    /// memory with <c>$skiptoken=&lt;offset&gt;</c>: before, each page re-ran the aggregate over every fact row.
    /// Null when the answer is larger: then each page is its own query, as for a plain set.
    /// </summary>
    private IActionResult? WholeAggregate(ODataQueryOptions<T> options, FeedAnswers.Asked question)
    {
        var cap = limits.Value.ApplyAnswerRows;
        var whole = answers.Get(question, "whole", () =>
        {
            var settings = new ODataQuerySettings { PageSize = cap, HandleNullPropagation = HandleNullPropagationOption.False };
            var result = Page(options, settings, AllowedQueryOptions.SkipToken);
            // Larger than the cap: kept as a one-row marker so the next page does not try again.
            return result.Rows is ITruncatedCollection { IsTruncated: true } ? result with { Rows = null, Size = 1 } : result with { NextLink = null };
        });
        // Too large to keep: OData pages it, and its own next links (not offsets) come back here.
        if (whole.Rows is not IList rows)
            return null;
        var offset = 0;
        if (Request.Query["$skiptoken"].ToString() is { Length: > 0 } token
            && (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset)))
            throw new ODataException($"$skiptoken '{(token.Length > 20 ? token[..20] + "…" : token)}' is not a page of this $apply answer: follow @odata.nextLink as given.");
        var pageSize = Math.Min(question.PageSize, Math.Max(0, rows.Count - offset));
        var page = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(rows.GetType().GetGenericArguments().FirstOrDefault() ?? typeof(object)), pageSize)!;
        for (var i = offset; i < offset + pageSize; i++)
            page.Add(rows[i]);
        var next = offset + pageSize < rows.Count ? FeedAnswers.WithQuery(Request, "$skiptoken", (offset + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return Answer(whole with { NextLink = next, PageSize = 0 }, page, options);
    }

    /// <summary>Runs the query for one page (or a whole $apply answer) and reads it, with its count and next link.</summary>
    private FeedAnswer Page(ODataQueryOptions<T> options, ODataQuerySettings settings, AllowedQueryOptions ignore = AllowedQueryOptions.None)
    {
        var feature = Request.ODataFeature();
        feature.NextLink = null;
        feature.TotalCount = null;
        var result = options.ApplyTo(Rows(), settings, ignore);
        var rows = result is ICollection ? result : Invoke(ToListMethod.MakeGenericMethod(result.ElementType), result);
        // Read here, not while the answer is written: the count belongs to the kept answer.
        var total = feature.TotalCount ?? feature.TotalCountFunc?.Invoke();
        feature.TotalCountFunc = null;
        // Past the deadline the answer is a timeout, even when DuckDB finished before its interrupt arrived. The
        // timeout's own token too: a connection opened before the timeout middleware ran holds the plain abort token.
        HttpContext.RequestAborted.ThrowIfCancellationRequested();
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Timeouts.IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.ThrowIfCancellationRequested();
        return new FeedAnswer(rows, total, feature.NextLink, ((ICollection)rows).Count + 1, feature.SelectExpandClause, FeedAnswer.PageSizeOf(feature));
    }

    private long Count(ODataQueryOptions<T> options)
    {
        var settings = new ODataQuerySettings { HandleNullPropagation = HandleNullPropagationOption.False };
        IQueryable filtered = Rows();
        if (options.Apply is not null)
            filtered = options.Apply.ApplyTo(filtered, settings);
        if (options.Filter is not null)
            filtered = options.Filter.ApplyTo(filtered, settings);
        var count = (long)Invoke(LongCountMethod.MakeGenericMethod(filtered.ElementType), filtered);
        HttpContext.RequestAborted.ThrowIfCancellationRequested();
        return count;
    }

    private OkObjectResult Answer(FeedAnswer answer, object? rows, ODataQueryOptions<T> options)
    {
        var feature = Request.ODataFeature();
        feature.TotalCount = answer.TotalCount;
        feature.SelectExpandClause = answer.Select;
        answer.WritePageSize(feature, options);
        feature.NextLink = answer.NextLink is null ? null : FeedAnswers.Rebased(answer.NextLink, Request);
        // $apply rows are wrappers the OData formatter only recognises under the entity set's declared type.
        return new OkObjectResult(rows) { DeclaredType = options.Apply is null ? null : typeof(IEnumerable<T>) };
    }

    /// <summary>
    /// <c>GET Set(key)</c>: the one row the key selects among those this key may see (so a row outside its region is
    /// as absent as one that does not exist: 404), with $select applied.
    /// </summary>
    public IActionResult GetByKey(ODataQueryOptions<T> options)
    {
        options.Validate(limits.Value.ValidationSettings());
        var segment = Request.ODataFeature().Path?.OfType<KeySegment>().LastOrDefault()
            ?? throw new ODataException($"{Set.Name}: no key in the address.");
        var keys = segment.Keys.ToDictionary(k => k.Key, k => (object?)k.Value, StringComparer.Ordinal);
        var question = answers.Question(HttpContext, session, 1);
        if (question.NotModified)
            return StatusCode(StatusCodes.Status304NotModified);
        var found = answers.Get(question, "", () =>
        {
            var row = Rows().Where(Set.Matching(keys)).Take(1).ToList().FirstOrDefault();
            HttpContext.RequestAborted.ThrowIfCancellationRequested();
            return new FeedAnswer(row is null || options.SelectExpand is null ? row : options.ApplyTo(row, new ODataQuerySettings()),
                null, null, 1, Request.ODataFeature().SelectExpandClause);
        });
        if (found.Rows is null)
        {
            var key = string.Join(',', Set.Key.Select(p => keys.GetValueOrDefault(p.Name)));
            return NotFound(new ODataError { Code = "NotFound", Message = $"No {typeof(T).Name} with key '{key}' (or it is outside this key's region)." });
        }
        Request.ODataFeature().SelectExpandClause = found.Select;
        return Ok(found.Rows);
    }

    /// <summary>A generic method called through reflection, rethrowing what it threw (not TargetInvocationException) so errors map to their status.</summary>
    private static object Invoke(MethodInfo method, object argument)
    {
        try
        {
            return method.Invoke(null, [argument])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(QueryErrors.Unwrap(e)).Throw();
            throw;
        }
    }
}
