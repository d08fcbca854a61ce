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
