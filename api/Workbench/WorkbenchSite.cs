using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

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

    /// <summary>Each file's ETag, a hash of its bytes in this build: the build answers a revalidation with 304.</summary>
    private static readonly ConcurrentDictionary<string, string> Tags = new(StringComparer.Ordinal);

    private static IResult Serve(HttpContext context, string file)
    {
        var type = Types.GetValueOrDefault(Path.GetExtension(file));
        var tag = type is null ? null : Tags.TryGetValue(file, out var known) ? known : Tag(file);
        if (tag is null)
            return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ETag = tag;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate each time: a new API build must not run with an old script against its new endpoints. An unchanged
        // file costs a 304 without its body.
        headers.CacheControl = "no-cache";
        var asked = context.Request.Headers.IfNoneMatch;
        if (asked.Any(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(tag)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Stream(Assembly.GetManifestResourceStream("workbench/" + file)!, type);
    }

    /// <summary>Only files that exist are remembered: a probe for a missing name keeps nothing.</summary>
    private static string? Tag(string file)
    {
        using var stream = Assembly.GetManifestResourceStream("workbench/" + file);
        if (stream is null)
            return null;
        return Tags[file] = $"\"{Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 12))}\"";
    }
}
