using System.Reflection;

namespace Analytics.Api.Workbench;

/// <summary>
/// The workbench's page, scripts and styles, embedded in the API assembly and served without a key (they hold no
/// data; every data request carries the key). No build step and nothing from another origin: the page runs offline
/// and under a Content-Security-Policy of default-src 'self'.
/// </summary>
public static class WorkbenchSite
{
    public const string Policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static readonly Assembly Assembly = typeof(WorkbenchSite).Assembly;

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapWorkbenchSite(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => Serve(context, "index.html")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet("/workbench/{file}", (HttpContext context, string file) => Serve(context, file)).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        var type = Types.GetValueOrDefault(Path.GetExtension(file));
        var stream = type is null ? null : Assembly.GetManifestResourceStream("workbench/" + file);
        if (stream is null)
            return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate each time: a new API build must not run with an old script against its new endpoints.
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, type);
    }
}
