using System.Text.Json;

namespace Analytics.Api.Access;

/// <summary>Errors outside MVC (401, 403, 429, 503, 504) in the OData JSON error format, so clients parse one shape.</summary>
public static class ErrorBody
{
    public static Task Write(HttpContext context, string code, string message)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }
}
