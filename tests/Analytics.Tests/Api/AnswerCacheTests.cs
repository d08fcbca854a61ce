extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using api::Analytics.Api.Access;
using api::Analytics.Api.OData;
using Analytics.Etl.Load;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>
/// Answers kept per generation: the same question in the same scope costs its SQL once, pages of a $apply answer
/// come from one computation, a conditional request is answered 304, and a load that publishes is seen at once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AnswerCacheTests(ApiFactory factory)
{
    private long Computed => factory.Services.GetRequiredService<FeedAnswers>().Cache.Computed;

    [Fact]
    public async Task TheSameQuestionIsComputedOnceAndItsSqlRunsOnce()
    {
        var client = factory.Admin();
        const string url = "/odata/MeasureValues?$filter=MeasureId eq 'hotline_resolution_rate' and Period eq '2024-02'&$select=RegionCode,Value&$orderby=RegionCode";
        var computed = Computed;
        factory.SqlLog.Clear();
        var first = await client.GetStringAsync(url);
        Assert.Equal(computed + 1, Computed);
        Assert.Contains(factory.SqlLog.Recent, s => s.Contains("hotline_resolution_rate", StringComparison.Ordinal) || s.Contains("measure_values", StringComparison.Ordinal));

        factory.SqlLog.Clear();
        var second = await client.GetStringAsync(url);
        Assert.Equal(first, second);
        Assert.Equal(computed + 1, Computed);
        Assert.Empty(factory.SqlLog.Recent);

        // Another key of the same scope shares the answer; the api_key is not part of the question.
        var viewer = factory.ClientWith(null);
        var third = await viewer.GetStringAsync(url + "&api_key=" + ApiFactory.AdminKey);
        Assert.Equal(first, third);
        Assert.Equal(computed + 1, Computed);
    }

    [Fact]
    public async Task ARepeatedQuestionWithItsETagIsAnswered304WithoutABody()
    {
        var client = factory.Admin();
        const string url = "/odata/Regions?$select=Code,Name&$filter=LevelRank le 3";
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.Private);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Another question has another tag: the old one does not stop it.
        using var other = new HttpRequestMessage(HttpMethod.Get, url.Replace("le 3", "le 2", StringComparison.Ordinal));
        other.Headers.IfNoneMatch.Add(etag);
        var answered = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotEqual(etag, answered.Headers.ETag);
    }

    [Fact]
    public async Task EveryPageOfAnApplyAnswerComesFromOneComputation()
    {
        var client = factory.Admin();
        var url = "/odata/HotlineTickets?$apply=groupby((TicketId,TownshipCode),aggregate($count as N))";
        factory.SqlLog.Clear();
        var computed = Computed;
        var rows = new List<JsonElement>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            var root = await client.GetJson(next);
            rows.AddRange(root.GetProperty("value").EnumerateArray());
            next = root.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }
        Assert.True(pages > 2, $"expected several pages of {ApiFactory.PageSize}, got {pages}");
        Assert.Equal(computed + 1, Computed);
        Assert.Single(factory.SqlLog.Recent, s => s.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase));

        // The pages together are the answer: every ticket once, in its own township, counted once.
        var expected = factory.Sources.Tickets.ToDictionary(t => t.Id, t => t.Township);
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Count, rows.Select(r => r.GetProperty("TicketId").GetString()).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.Equal(expected[r.GetProperty("TicketId").GetString()!], r.GetProperty("TownshipCode").GetString());
            Assert.Equal(1, r.GetProperty("N").GetInt64());
        });
    }

    [Fact]
    public async Task AForgedSkipTokenOnAnApplyAnswerIsA400()
    {
        var response = await factory.Admin().GetAsync("/odata/HotlineTickets?$apply=groupby((TownshipCode))&$skiptoken=garbage");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegionalKeyNeverGetsAnotherScopesAnswer()
    {
        const string url = "/odata/MeasureValues?$filter=MeasureId eq 'hotline_tickets' and Period eq '2024-03'&$select=RegionCode,ParentValue&$orderby=RegionCode";
        var nationwide = await Regions(factory.Admin(), url);
        var baoji = await Regions(factory.ClientWith(factory.NewKey(Roles.Viewer, TestSources.Baoji)), url);
        var xian = await Regions(factory.ClientWith(factory.NewKey(Roles.Viewer, TestSources.Xian)), url);
        var nationwideAgain = await Regions(factory.Admin(), url);

        Assert.Contains(TestSources.Province, nationwide.Keys);
        Assert.Equal(nationwide.Keys, nationwideAgain.Keys);
        Assert.Contains(TestSources.Baoji, baoji.Keys);
        Assert.All(baoji.Keys, code => Assert.True(code.StartsWith("6103", StringComparison.Ordinal), code));
        Assert.All(xian.Keys, code => Assert.True(code.StartsWith("6101", StringComparison.Ordinal), code));
        // Baoji's own parent value is hidden from a Baoji key, shown to one that may compare outside.
        Assert.Null(baoji[TestSources.Baoji]);
        var comparing = await Regions(factory.ClientWith(new KeyStore(factory.KeyFile).Add(Roles.Viewer, TestSources.Baoji, compareOutside: true).Key), url);
        Assert.NotNull(comparing[TestSources.Baoji]);
        Assert.Equal(nationwide[TestSources.Baoji], comparing[TestSources.Baoji]);
    }

    private static async Task<Dictionary<string, double?>> Regions(HttpClient client, string url) =>
        (await client.GetJson(url)).GetProperty("value").EnumerateArray().ToDictionary(
            r => r.GetProperty("RegionCode").GetString()!,
            r => r.GetProperty("ParentValue").ValueKind == JsonValueKind.Null ? (double?)null : r.GetProperty("ParentValue").GetDouble());

    [Fact]
    public async Task AKeptNextLinkCarriesTheAskersKeyNotTheFirstAskers()
    {
        var viewer = factory.NewKey(Roles.Viewer, null);
        var analyst = factory.NewKey(Roles.Analyst, null);
        const string url = "/odata/Regions?$select=Code&$orderby=Code";
        var anonymous = factory.ClientWith(null);
        anonymous.DefaultRequestHeaders.Add("Prefer", "odata.maxpagesize=3");
        var first = await anonymous.GetJson(url + "&api_key=" + viewer);
        Assert.Contains(viewer, first.GetProperty("@odata.nextLink").GetString()!, StringComparison.Ordinal);
        var second = await anonymous.GetJson(url + "&api_key=" + analyst);
        var link = second.GetProperty("@odata.nextLink").GetString()!;
        Assert.Contains(analyst, link, StringComparison.Ordinal);
        Assert.DoesNotContain(viewer, link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoadThatPublishesMakesTheNextRequestFresh()
    {
        var (source, sources, warehouse) = factory.LoadOwn("cache-reload");
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        const string url = "/odata/HotlineTickets/$count";

        var before = await client.GetAsync(url);
        Assert.Equal(sources.Tickets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await before.Content.ReadAsStringAsync());
        var etag = before.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }

        sources.WriteTickets(source, 2024, 4, new Random(5));
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        var after = await client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(sources.Tickets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await after.Content.ReadAsStringAsync());
        Assert.NotEqual(etag, after.Headers.ETag);
        var cache = host.Services.GetRequiredService<FeedAnswers>().Cache;
        Assert.Equal(Path.GetFileName(new FileInfo(warehouse).LinkTarget), cache.Generation);
    }
}
