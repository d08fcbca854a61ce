using System.Net;
using System.Text.Json;

namespace Analytics.Tests.Api;

/// <summary>Reading an API answer that must be a 200 with a JSON body: one place for the check and its failure message.</summary>
internal static class ApiJson
{
    /// <summary>The body as JSON; a status other than 200 fails the test with the status and the body.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>GETs <paramref name="url"/> as JSON; the failure message starts with the URL.</summary>
    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
