using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace Analytics.Tests.Api;

/// <summary>
/// No request is answered 500: every generated shape of <see cref="QueryFuzzCorpus"/> gets an answer or a 4xx with an
/// OData error body, and the analyst questions a review found answered 500 get their answer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueryFuzzTests(ApiFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task No_generated_query_shape_is_answered_500()
    {
        var client = factory.Admin();
        var urls = QueryFuzzCorpus.Urls();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var url in urls)
        {
            int status;
            string body;
            try
            {
                var response = await client.GetAsync(url);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException e)
            {
                // The answer broke off after it started: as bad as a 500.
                status = 0;
                body = QueryErrorsText(e);
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 0 || status >= 500 && status != 503 || status >= 400 && !IsErrorBody(body, url))
                failures.Add($"{status} {url}: {Cut(body)}");
        }
        output.WriteLine($"{urls.Count} shapes, {urls.Count - failures.Count} held; statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {urls.Count} shapes failed:\n{string.Join('\n', failures.Take(60))}");
    }

    /// <summary>Questions an analyst asks: each has an answer, in Production as in Development.</summary>
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Valid_questions_that_once_failed_get_their_answer(string environment)
    {
        using var host = factory.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        string[] urls =
        [
            "/odata/MeasureValues?$filter=Numerator div Denominator gt 0.5",
            "/odata/MeasureValues?$compute=Value mul 2 as V&$filter=V gt 1&$select=V",
            "/odata/MeasureValues?$filter=Numerator mod 2 eq 0&$orderby=Numerator desc",
            "/odata/MeasureValues?$apply=compute(Numerator div Denominator as R)/aggregate(R with average as A)",
            "/odata/HotlineTickets?$filter=ResponseHours div 0 gt 1",
            "/odata/HotlineTickets?$filter=ReceivedAt gt 2024-02-01T00:00:00Z&$count=true",
            "/odata/HotlineTickets?$filter=ReceivedAt ge 2024-02-01T00:00:00%2B08:00 and ReceivedAt lt 2024-03-01T00:00:00%2B08:00",
            "/odata/EnforcementCases?$filter=OpenedOn ge 2024-02-01",
            "/odata/MeasureValues?$compute=Numerator div Denominator as R&$orderby=R desc&$select=R,RegionCode",
        ];
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{environment} {url}: {(int)response.StatusCode} {Cut(await response.Content.ReadAsStringAsync())}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Questions that cannot be answered are the client's error: 400 with an OData error body, in any environment.</summary>
    [Theory]
    [InlineData("Production", "/odata/MeasureValues?$skiptoken=garbage")]
    [InlineData("Development", "/odata/MeasureValues?$skiptoken=garbage")]
    [InlineData("Production", "/odata/MeasureValues?$filter=1 div 0 eq 1")]
    [InlineData("Development", "/odata/MeasureValues?$orderby=Numerator div 0")]
    [InlineData("Production", "/odata/HotlineTickets?$filter=Month sub Month eq duration'P1D'")]
    [InlineData("Production", "/odata/Regions?$filter=matchesPattern(Name,'a')")]
    [InlineData("Production", "/odata/Forecast(MeasureId='hotline_tickets',RegionCode='610000000000',Horizon=abc)")]
    [InlineData("Production", "/api/reports/610300000000/0000.html")]
    [InlineData("Development", "/api/reports/610300000000/0000.html")]
    public async Task Unanswerable_questions_are_400_with_an_error_body(string environment, string url)
    {
        using var host = factory.WithWebHostBuilder(b => b.UseEnvironment(environment));
        var response = await ApiFactory.ClientWith(host, ApiFactory.AdminKey).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {Cut(body)}");
        Assert.True(IsErrorBody(body, url), body);
    }

    /// <summary>OData answers errors as {"error":{"code","message"}}; the other endpoints as problem details with a detail.</summary>
    private static bool IsErrorBody(string body, string url)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!url.StartsWith("/odata", StringComparison.Ordinal) && json.RootElement.TryGetProperty("detail", out var detail))
                return detail.GetString() is { Length: > 0 };
            return json.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }
                && error.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string QueryErrorsText(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            text += " / " + inner.GetType().Name + ": " + inner.Message;
        return text;
    }

    private static string Cut(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
