using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace Analytics.Api.OData;

/// <summary>
/// One entity set. The query options are validated (limits of <see cref="QueryLimits"/>), applied to the linq2db
/// query after the key's region scope, so linq2db turns $filter, $apply, $orderby and paging into one DuckDB
/// statement, and the page is read here, inside the action, where a timeout or a bad query still gets a clean answer.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class WarehouseSetController<T>(WarehouseSession session, IOptions<QueryLimits> limits,
    Expression<Func<T, string>>? region) : ODataController
    where T : class
{
    private static readonly MethodInfo ToListMethod = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!;
    private static readonly MethodInfo LongCountMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.LongCount) && m.GetParameters().Length == 1);

    /// <summary>The rows this key may see: those whose <c>region</c> column lies in the key's subtree (all, without one).</summary>
    private IQueryable<T> Rows() =>
        Visible(region is null ? session.Table<T>() : session.Table<T>().Restrict(session.Db, User, region));

    /// <summary>What a set hides of the rows in scope (measure values: comparisons with regions outside the scope).</summary>
    protected virtual IQueryable<T> Visible(IQueryable<T> rows) => rows;

    [HttpGet]
    public IActionResult Get(ODataQueryOptions<T> options)
    {
        var limit = limits.Value;
        options.Validate(limit.ValidationSettings());
        limit.ValidateTrees(options);
        var (pageSize, preferred) = PreferredPageSize.Of(Request.Headers["Prefer"], limit.MaxPageSize);
        if (preferred)
            Response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize}";
        var settings = new ODataQuerySettings
        {
            PageSize = pageSize,
            HandleNullPropagation = HandleNullPropagationOption.False,
        };
        var rows = Rows();
        if (Request.ODataFeature().Path?.LastSegment is CountSegment)
        {
            IQueryable filtered = rows;
            if (options.Apply is not null)
                filtered = options.Apply.ApplyTo(filtered, settings);
            if (options.Filter is not null)
                filtered = options.Filter.ApplyTo(filtered, settings);
            var count = (long)Invoke(LongCountMethod.MakeGenericMethod(filtered.ElementType), filtered);
            HttpContext.RequestAborted.ThrowIfCancellationRequested();
            return Ok(count);
        }
        var result = options.ApplyTo(rows, settings);
        if (options.Apply is not null)
            Request.ODataFeature().ApplyClause = options.Apply.ApplyClause;
        var page = result is ICollection ? result : Invoke(ToListMethod.MakeGenericMethod(result.ElementType), result);
        // Past the deadline the answer is a timeout, even when DuckDB finished before its interrupt arrived.
        HttpContext.RequestAborted.ThrowIfCancellationRequested();
        // $apply rows are wrappers the OData formatter only recognises under the entity set's declared type.
        return new OkObjectResult(page) { DeclaredType = options.Apply is null ? null : typeof(IEnumerable<T>) };
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

    /// <summary>
    /// <c>GET Set('key')</c>: the one row <paramref name="match"/> selects among those this key may see (so a row
    /// outside its region is as absent as one that does not exist: 404), with $select applied.
    /// </summary>
    protected IActionResult Single(Expression<Func<T, bool>> match, string key, ODataQueryOptions<T> options)
    {
        options.Validate(limits.Value.ValidationSettings());
        var row = Rows().Where(match).Take(1).ToList().FirstOrDefault();
        HttpContext.RequestAborted.ThrowIfCancellationRequested();
        if (row is null)
            return NotFound(new ODataError { Code = "NotFound", Message = $"No {typeof(T).Name} with key '{key}' (or it is outside this key's region)." });
        return Ok(options.SelectExpand is null ? row : options.ApplyTo(row, new ODataQuerySettings()));
    }
}
