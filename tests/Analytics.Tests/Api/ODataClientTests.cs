extern alias api;

using api::Analytics.Api.Access;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace Analytics.Tests.Api;

/// <summary>
/// The feed read by a client nobody here wrote: Microsoft.OData.Core's <see cref="ODataMessageReader"/>, strict about
/// payloads, reads $metadata into a model and every page of a set against it, following @odata.nextLink.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ODataClientTests(ApiFactory factory)
{
    [Fact]
    public async Task ODataMessageReaderReadsTheMetadataAndEveryPageOfASet()
    {
        var client = factory.ClientWith(factory.NewKey(Roles.Analyst, null));
        client.DefaultRequestHeaders.Add("Prefer", "odata.maxpagesize=5");
        var model = await ReadMetadata(client);
        var set = model.EntityContainer.FindEntitySet("Regions");
        Assert.NotNull(set);

        var codes = new List<string>();
        var pages = 0;
        Uri? next = new(client.BaseAddress!, "/odata/Regions?$orderby=Code");
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            using var reader = new ODataMessageReader(await Message(response), new ODataMessageReaderSettings(), model);
            var feed = reader.CreateODataResourceSetReader(set, set.EntityType);
            next = null;
            while (feed.Read())
            {
                if (feed.State == ODataReaderState.ResourceEnd && feed.Item is ODataResource row)
                    codes.Add((string)row.Properties.OfType<ODataProperty>().Single(p => p.Name == "Code").Value);
                if (feed.State == ODataReaderState.ResourceSetEnd)
                    next = ((ODataResourceSet)feed.Item).NextPageLink;
            }
            pages++;
        }
        Assert.True(pages > 1, "the set should take several pages of 5");
        Assert.Equal(TestSources.Regions.Select(r => r.Code).Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task ODataMessageReaderReadsAnApplyPageAndAFactPage()
    {
        var client = factory.Admin();
        var model = await ReadMetadata(client);
        var tickets = model.EntityContainer.FindEntitySet("HotlineTickets");
        using var response = await client.GetAsync("/odata/HotlineTickets?$select=TicketId,TownshipCode&$top=7&$count=true");
        using var reader = new ODataMessageReader(await Message(response), new ODataMessageReaderSettings(), model);
        var feed = reader.CreateODataResourceSetReader(tickets, tickets.EntityType);
        var rows = 0;
        long? count = null;
        while (feed.Read())
        {
            if (feed.State == ODataReaderState.ResourceEnd)
                rows++;
            if (feed.State == ODataReaderState.ResourceSetEnd)
                count = ((ODataResourceSet)feed.Item).Count;
        }
        Assert.Equal(7, rows);
        Assert.Equal(factory.Sources.Tickets.Count, count);
    }

    private static async Task<IEdmModel> ReadMetadata(HttpClient client)
    {
        using var response = await client.GetAsync("/odata/$metadata");
        using var reader = new ODataMessageReader(await Message(response), new ODataMessageReaderSettings());
        return reader.ReadMetadataDocument();
    }

    private static async Task<IODataResponseMessage> Message(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ResponseMessage((int)response.StatusCode, headers, body);
    }

    private sealed class ResponseMessage(int status, Dictionary<string, string> headers, byte[] body) : IODataResponseMessage
    {
        public IEnumerable<KeyValuePair<string, string>> Headers => headers;
        public int StatusCode { get => status; set => throw new NotSupportedException(); }
        public string? GetHeader(string headerName) => headers.GetValueOrDefault(headerName);
        public void SetHeader(string headerName, string headerValue) => headers[headerName] = headerValue;
        public Stream GetStream() => new MemoryStream(body, writable: false);
    }
}
