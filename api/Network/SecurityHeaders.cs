namespace Analytics.Api.Network;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer leaving the site, and a Content-Security-Policy that
/// lets pages load scripts and styles only from this server (no inline script anywhere). Report pages are
/// self-contained files, their style inline and their charts data: images, so they may use inline style only.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ReportPolicy =
        "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reports") ? ReportPolicy : Policy;
        return next(context);
    });
}
