namespace Analytics.Api.OData;

/// <summary>
/// The feed's answers are written to memory first and sent whole, with their length. The OData writer computes some
/// values only while it writes ($compute, the next page's $skiptoken, an alias it checks against the declared
/// type), and an exception there used to cut a 200 off in the middle of its body, which clients report as "the
/// response ended prematurely". Written first, such an answer is still unsent when it fails, so it is answered with
/// an error body like any other (<see cref="QueryErrors"/>). A page is at most <see cref="QueryLimits.MaxPageSize"/>
/// rows, so the buffer stays small.
/// </summary>
public static class WholeAnswers
{
    public static void UseWholeAnswers(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/odata"), feed => feed.Use(Send));

    private static async Task Send(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        // Not reached when the writer failed: the exception leaves the answer unsent for the error handler.
        if (buffer.Length > 0 && !context.Response.HasStarted)
            context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}
