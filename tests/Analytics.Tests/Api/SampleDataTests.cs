using System.Globalization;
using System.Net;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Analytics.Tests.Api;

/// <summary>The API over the warehouse of data-samples/, checked against SQL on the fact views written here.</summary>
[Collection(ApiCollection.Name)]
public sealed class SampleDataTests(ApiFactory factory)
{
    private const string Baoji = "610300000000";

    [Fact]
    public async Task Rates_over_the_sample_exports_match_a_direct_computation_from_the_facts()
    {
        var warehouse = factory.SamplesWarehouse;
        using var host = factory.With(("Warehouse:Path", warehouse));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);

        // Independent of the marts: straight from the ticket facts and the region tree.
        var file = new Analytics.Warehouse.Generations(warehouse).Current()!;
        long responded, dispatched, resolved, rated;
        using (var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*) FILTER (response_hours <= 24), count(*),
                       count(*) FILTER (resolved = '已解决'), count(*) FILTER (resolved <> '未回访')
                FROM fact_hotline_ticket t
                WHERE year(received_at) = 2024
                  AND t.township_code IN (SELECT code FROM region_closure WHERE ancestor_code = '{Baoji}')
                """;
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            (responded, dispatched, resolved, rated) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        Assert.True(dispatched > 0);

        var response = await client.GetAsync($"/odata/MeasureValues?$filter=RegionCode eq '{Baoji}' and Period eq '2024' and (MeasureId eq 'hotline_response_rate' or MeasureId eq 'hotline_resolution_rate')");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var rows = JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray()
            .ToDictionary(r => r.GetProperty("MeasureId").GetString()!);
        Assert.Equal(responded, rows["hotline_response_rate"].GetProperty("Numerator").GetInt64());
        Assert.Equal(dispatched, rows["hotline_response_rate"].GetProperty("Denominator").GetInt64());
        Assert.Equal((double)resolved / rated, rows["hotline_resolution_rate"].GetProperty("Value").GetDouble(), 9);

        var count = await client.GetStringAsync($"/odata/HotlineTickets/$count?$filter=year(ReceivedAt) eq 2024");
        Assert.True(long.Parse(count, CultureInfo.InvariantCulture) >= dispatched);
    }
}
