using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Analytics.Api.Network;

/// <summary>
/// Running behind a TLS-terminating proxy (section "Network"). X-Forwarded-For and X-Forwarded-Proto are believed
/// only from the proxies listed here; with none listed they are ignored, loopback included.
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>IP addresses of the reverse proxies whose X-Forwarded-* headers are trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>
    /// The address clients reach the API at (e.g. https://analytics.example.gov.cn/). When set, links the API writes
    /// (@odata.nextLink, @odata.context) use it, never the request's Host header, which a client can forge to send
    /// the next request and its api_key elsewhere.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Makes the request look as if it came to <see cref="PublicUrl"/>, so every link built from it points there.</summary>
    public IApplicationBuilder UsePublicUrl(IApplicationBuilder app)
    {
        if (PublicUrl is not { IsAbsoluteUri: true } url)
            return app;
        var scheme = url.Scheme;
        var host = new HostString(url.Authority);
        var pathBase = new PathString(url.AbsolutePath.TrimEnd('/'));
        return app.Use((context, next) =>
        {
            context.Request.Scheme = scheme;
            context.Request.Host = host;
            if (pathBase.HasValue)
                context.Request.PathBase = pathBase;
            return next(context);
        });
    }

    public void Apply(ForwardedHeadersOptions options)
    {
        // Only the client address and scheme: the host of links comes from configuration, never from a header.
        // With no proxy listed, none: empty lists would make the middleware trust every sender.
        options.ForwardedHeaders = KnownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"Network:KnownProxies: '{proxy}' is not an IP address");
            options.KnownProxies.Add(address);
        }
    }
}
