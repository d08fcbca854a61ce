using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Access;

/// <summary>
/// Authenticates a request by its API key, from the X-Api-Key header or the api_key query parameter (what Power
/// Query's "Web API" credential sends). The key's role and region become claims.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyStore keys,
    IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "api_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            key = Request.Query[QueryParameter].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            return Task.FromResult(AuthenticateResult.NoResult());

        (string Id, string Role, string? Region, bool CompareOutside)? found = null;
        if (Matches(key, access.Value.AdminKey))
            found = ("admin-env", Roles.Admin, null, true);
        else if (Matches(key, access.Value.DemoKey))
            found = ("demo", Roles.Viewer, null, true);
        else if (keys.Find(key) is { } stored)
            found = (stored.Id, stored.Role, stored.Region, stored.CompareOutside);

        if (found is not { } k)
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        var claims = new List<Claim> { new(Roles.KeyIdClaim, k.Id), new(Roles.RoleClaim, k.Role) };
        if (k.Region is not null)
            claims.Add(new Claim(Roles.RegionClaim, k.Region));
        if (k.CompareOutside)
            claims.Add(new Claim(Roles.CompareOutsideClaim, "true"));
        var identity = new ClaimsIdentity(claims, SchemeName, Roles.KeyIdClaim, Roles.RoleClaim);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\", query=\"{QueryParameter}\"";
        await ErrorBody.Write(Context, "Unauthorized", $"An API key is required: send it in the {Header} header or the {QueryParameter} query parameter.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ErrorBody.Write(Context, "Forbidden", "This API key's role does not allow this request.");
    }

    private static bool Matches(string key, string? configured) =>
        !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(configured));
}
