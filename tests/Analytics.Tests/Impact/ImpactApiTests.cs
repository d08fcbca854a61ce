extern alias api;

using System.Net;
using System.Text.Json;
using Analytics.Tests.Api;

namespace Analytics.Tests.Impact;

/// <summary>
/// /api/impact end to end: a warehouse generated with a planted effect, loaded by the real loader, read through the
/// API's session and scope, must give an interval that covers the planted truth and excludes zero.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImpactApiTests(ApiFactory factory)
{
    private const string Linyi = "371300000000";
    private const string Baoji = "610300000000";

    [Fact]
    public async Task ThePlantedEffectOnResolutionIsRecoveredFromAGeneratedWarehouse()
    {
        using var host = factory.With(("Warehouse:Path", PlantedWarehouse.Path));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        // Up to eight months after the last reform (2020-11) the raised probability stays below 1 (no capping), so the
        // truth is exact: the ramp's mean over event times 0..8.
        var root = await client.GetJson($"/api/impact?measure=hotline_resolution_rate&region={Baoji}&lead=6&lag=8");

        var estimate = root.GetProperty("estimate");
        var overall = estimate.GetProperty("overall");
        var last = overall.GetProperty("lastEventTime").GetInt32();
        var truth = Enumerable.Range(0, last + 1).Average(PlantedWarehouse.Effect);
        Assert.InRange(truth, overall.GetProperty("low").GetDouble(), overall.GetProperty("high").GetDouble());
        Assert.True(overall.GetProperty("low").GetDouble() > 0, overall.ToString());
        Assert.True(overall.GetProperty("pValue").GetDouble() < 0.05);
        Assert.Equal("integration", root.GetProperty("treatment").GetString());
        Assert.Equal("2019-01", root.GetProperty("firstMonth").GetString());
        // 宝鸡's 17 streets receive tickets; each is treated in its reform month and a comparison before it.
        Assert.InRange(estimate.GetProperty("treatedUnits").GetInt32(), 10, 17);
        Assert.InRange(estimate.GetProperty("comparisonUnits").GetInt32(), 10, 17);
        var events = estimate.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(-6, 15).Where(e => e != -1), events.Select(e => e.GetProperty("eventTime").GetInt32()));
        Assert.InRange(estimate.GetProperty("preTrend").GetProperty("pValue").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task WithoutAPlantedEffectTheSampleWarehouseShowsNoneAndSaysWhereComparisonsRunOut()
    {
        using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var root = await client.GetJson($"/api/impact?measure=hotline_resolution_rate&region={Baoji}");

        var estimate = root.GetProperty("estimate");
        var overall = estimate.GetProperty("overall");
        Assert.InRange(0.0, overall.GetProperty("low").GetDouble(), overall.GetProperty("high").GetDouble());
        // Every sample township is integrated by 2020-11, so late event times have nobody left to compare with.
        Assert.Contains(estimate.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("已没有尚未改革的乡镇", StringComparison.Ordinal));
        Assert.True(overall.GetProperty("lastEventTime").GetInt32() < 24);
    }

    [Fact]
    public async Task TheChartIsAPngAndBadRequestsAreRefusedWithTheirReason()
    {
        using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var png = await client.GetAsync($"/api/impact/chart.png?measure=hotline_resolution_rate&region={Baoji}&replicates=99");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);

        foreach (var (query, reason) in new[]
        {
            ("measure=nope&region=" + Baoji, "unknown measure"),
            ("measure=staffing_vacancy_rate&region=" + Baoji, "no monthly values"),
            ("measure=hotline_resolution_rate&region=" + Baoji + "&lead=1", "lead must be"),
            ("measure=hotline_resolution_rate&region=" + Baoji + "&treatment=pilot", "treatment must be"),
            ("measure=hotline_resolution_rate&region=610302001000", "above township level"),
        })
        {
            var response = await client.GetAsync("/api/impact?" + query);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Contains(reason, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AKeyScopedToOneCitySeesNothingOfAnother()
    {
        using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse));
        var key = factory.NewKey(api::Analytics.Api.Access.Roles.Viewer, Baoji);
        var client = ApiFactory.ClientWith(host, key);
        var outside = await client.GetAsync($"/api/impact?measure=hotline_resolution_rate&region={Linyi}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var inside = await client.GetAsync($"/api/impact?measure=hotline_resolution_rate&region={Baoji}&replicates=99");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
    }

    [Fact]
    public async Task TheODataFunctionAnswersWhatTheJsonEndpointAnswers()
    {
        using var host = factory.With(("Warehouse:Path", factory.SamplesWarehouse));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var json = await client.GetJson($"/api/impact?measure=hotline_resolution_rate&region={Baoji}&treatment=integration");
        var odata = await client.GetJson($"/odata/Impact(MeasureId='hotline_resolution_rate',RegionCode='{Baoji}',Treatment='integration')");

        Assert.Equal(json.GetProperty("estimate").GetProperty("overall").GetProperty("estimate").GetDouble(),
            odata.GetProperty("Estimate").GetProperty("Overall").GetProperty("Estimate").GetDouble(), 12);
        Assert.Equal(json.GetProperty("estimate").GetProperty("events").GetArrayLength(), odata.GetProperty("Estimate").GetProperty("Events").GetArrayLength());
        var bad = await client.GetAsync($"/odata/Impact(MeasureId='hotline_resolution_rate',RegionCode='{Baoji}',Treatment='pilot')");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
