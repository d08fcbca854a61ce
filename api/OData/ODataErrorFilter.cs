using LinqToDB;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.OData;

namespace Analytics.Api.OData;

/// <summary>
/// An invalid query (unknown property, bad syntax, over a limit) is the client's error: 400 with an OData error body.
/// A valid query linq2db cannot turn into SQL is ours: 501, also with an OData error body.
/// </summary>
public sealed class ODataErrorFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var (status, code) = context.Exception switch
        {
            ODataException or ArgumentException => (StatusCodes.Status400BadRequest, "BadRequest"),
            LinqToDBException => (StatusCodes.Status501NotImplemented, "NotImplemented"),
            _ => (0, ""),
        };
        if (status == 0 || context.HttpContext.RequestAborted.IsCancellationRequested)
            return;
        context.Result = new ObjectResult(new ODataError { Code = code, Message = context.Exception.Message }) { StatusCode = status };
        context.ExceptionHandled = true;
    }
}
