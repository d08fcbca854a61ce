extern alias api;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Analytics.Tests.Api.ApiJson;

namespace Analytics.Tests.Api;

/// <summary>Security headers on every answer, and X-Forwarded-* believed only from configured proxies.</summary>
[Collection(ApiCollection.Name)]
public sealed class NetworkTests(ApiFactory factory)
{
    [Theory]
    [InlineData("/odata/Regions")]
    [InlineData("/odata/Nope")]
    [InlineData("/api/dashboards/overview?region=610000000000&period=2024")]
    public async Task Every_answer_carries_security_headers(string url)
    {
        var response = await factory.Admin().GetAsync(url);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_answers_carry_them_too()
    {
        var response = await factory.ClientWith(null).GetAsync("/odata/Regions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Forwarded_scheme_is_believed_only_from_a_configured_proxy()
    {
        const string proxy = "10.1.2.3";
        using var untrusted = Behind(factory.With(), proxy);
        Assert.StartsWith("http://", await NextLink(untrusted), StringComparison.Ordinal);

        using var trusted = Behind(factory.With(("Network:KnownProxies:0", proxy)), proxy);
        Assert.StartsWith("https://", await NextLink(trusted), StringComparison.Ordinal);

        // Loopback is not trusted by default either: only what is configured.
        using var loopback = Behind(factory.With(("Network:KnownProxies:0", proxy)), "127.0.0.1");
        Assert.StartsWith("http://", await NextLink(loopback), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_use_the_configured_public_address_not_the_host_header()
    {
        using var host = factory.With(("Network:PublicUrl", "https://analytics.example.gov.cn/"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/odata/MeasureValues");
        request.Headers.Host = "attacker.example";
        var root = await Json(await client.SendAsync(request));
        Assert.StartsWith("https://analytics.example.gov.cn/odata/MeasureValues?", root.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://analytics.example.gov.cn/odata/$metadata", root.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A host whose requests arrive from <paramref name="remote"/>, as from a proxy in front of it.</summary>
    private static WebApplicationFactory<api::Program> Behind(WebApplicationFactory<api::Program> host, string remote) =>
        host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new RemoteAddress(IPAddress.Parse(remote)))));

    private static async Task<string> NextLink(WebApplicationFactory<api::Program> host)
    {
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var root = await Json(await client.GetAsync("/odata/MeasureValues"));
        return root.GetProperty("@odata.nextLink").GetString()!;
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
