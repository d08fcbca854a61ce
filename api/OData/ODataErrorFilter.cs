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
    public void OnException(ExceptionContext context)
    {
        if (context.HttpContext.RequestAborted.IsCancellationRequested || QueryErrors.Classify(context.Exception) is not { } error)
            return;
        context.Result = new ObjectResult(new ODataError { Code = error.Code, Message = error.Message }) { StatusCode = error.Status };
        context.ExceptionHandled = true;
    }
}
