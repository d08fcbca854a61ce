using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.OData;

namespace Analytics.Api.OData;

/// <summary>
/// An invalid query (unknown property, bad syntax, over a limit, a value DuckDB cannot compute) is the client's
/// error: 400 with an OData error body, as is a shape this service cannot turn into SQL (saying so).
/// What <see cref="QueryErrors"/> does not recognise is left to the last-resort handler.
/// </summary>
public sealed class ODataErrorFilter : IExceptionFilter
{
    // OData evaluates $apply first: beside it, $filter sees only the grouped columns and aliases, and the library's
    // own messages ("grouping expression 'X' must evaluate to a property access value") did not say so.
    private const string FilterBesideApply = "$filter 作用于 $apply 的结果（OData 先执行 $apply），结果中只有分组字段和聚合别名；"
        + "要先筛选再聚合，请把条件写进 $apply：$apply=filter(...)/groupby(...)。原因：";

    public void OnException(ExceptionContext context)
    {
        if (context.HttpContext.RequestAborted.IsCancellationRequested || QueryErrors.Classify(context.Exception) is not { } error)
            return;
        var message = error.Status == 400 && context.HttpContext.Request.Query.ContainsKey("$filter")
            && context.HttpContext.Request.Query.ContainsKey("$apply") ? FilterBesideApply + error.Message : error.Message;
        context.Result = new ObjectResult(new ODataError { Code = error.Code, Message = message }) { StatusCode = error.Status };
        context.ExceptionHandled = true;
    }
}
