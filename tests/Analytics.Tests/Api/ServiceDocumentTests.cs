extern alias api;

using System.Net;
using System.Xml.Linq;
using api::Analytics.Api.Access;
using api::Analytics.Api.OData;

namespace Analytics.Tests.Api;

/// <summary>
/// What a key is offered is what it may read: Power BI's navigator lists the service document's sets and previews
/// each, so a set a viewer may not read must not be listed for it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ServiceDocumentTests(ApiFactory factory)
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    private static async Task<List<string>> Listed(HttpClient client) =>
        (await client.GetJson("/odata")).GetProperty("value").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "EntitySet")
            .Select(e => e.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> SetsInMetadata(HttpClient client) =>
        XDocument.Parse(await client.GetStringAsync("/odata/$metadata")).Descendants(Edm + "EntitySet")
            .Select(e => (string)e.Attribute("Name")!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task AViewerIsOfferedTheAggregateSetsAndEachOneAnswers()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Viewer, TestSources.Baoji));
        var listed = await Listed(client);
        Assert.Equal(["MeasureValues", "Measures", "Regions"], listed);
        Assert.Equal(listed, await SetsInMetadata(client));
        Assert.DoesNotContain("HotlineTicket", await client.GetStringAsync("/odata/$metadata"), StringComparison.Ordinal);
        foreach (var set in listed)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/{set}?$top=1")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Admin)]
    public async Task AnAnalystIsOfferedEverySetOfTheOneListAndEachOneAnswers(string role)
    {
        var client = factory.ClientWith(factory.NewKey(role, null));
        var listed = await Listed(client);
        Assert.Equal(EntitySets.All.Select(s => s.Name).Order(StringComparer.Ordinal), listed);
        Assert.Equal(listed, await SetsInMetadata(client));
        foreach (var set in listed)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/{set}?$top=1")).StatusCode);
    }

    [Fact]
    public async Task TheForecastFunctionIsNotListedButAnswers()
    {
        var client = factory.Admin();
        var names = (await client.GetJson("/odata")).GetProperty("value").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("Forecast", names);
        var forecast = await client.GetAsync($"/odata/Forecast(MeasureId='hotline_tickets',RegionCode='{TestSources.Province}',Horizon=2)");
        // Three months of test data may be too short to forecast: the function is routed either way (not 404).
        Assert.NotEqual(HttpStatusCode.NotFound, forecast.StatusCode);
        var body = await forecast.Content.ReadAsStringAsync();
        Assert.True(body.Contains("\"Points\"", StringComparison.Ordinal) || body.Contains("\"error\"", StringComparison.Ordinal), body);
    }

    [Fact]
    public async Task EveryFactSetOfTheListIsClosedToAViewer()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Viewer, null));
        foreach (var set in EntitySets.All)
        {
            var status = (await client.GetAsync($"/odata/{set.Name}?$top=1")).StatusCode;
            Assert.Equal(set.Facts ? HttpStatusCode.Forbidden : HttpStatusCode.OK, status);
        }
    }
}
