extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Access;
using api::Analytics.Api.Forecasts;
using Analytics.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Forecasts;

[Collection(ApiCollection.Name)]
public sealed class ForecastApiTests(ApiFactory factory)
{
    private static Task<JsonElement> Get(HttpClient client, string url) => client.GetJson(url);

    [Fact]
    public async Task Forecast_comes_with_its_method_and_scores_and_a_second_request_is_cached()
    {
        var forecaster = factory.Services.GetRequiredService<ForecastCache>();
        var url = $"/api/forecasts?measure=hotline_satisfaction_rate&region={TestSources.Qishan}&horizon=6";
        var root = await Get(factory.Admin(), url);
        var points = root.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(6, points.Count);
        Assert.All(points, p =>
        {
            Assert.InRange(p.GetProperty("lo95").GetDouble(), 0, 1);
            Assert.InRange(p.GetProperty("hi95").GetDouble(), 0, 1);
        });
        Assert.False(string.IsNullOrEmpty(root.GetProperty("method").GetString()));
        Assert.Equal(root.GetProperty("method").GetString(), root.GetProperty("chosen").GetProperty("method").GetString());
        Assert.Contains(root.GetProperty("baselines").EnumerateArray(), b => b.GetProperty("method").GetString() == "naive");
        // The workbench shows the method by this name, the same one the charts and reports print.
        Assert.Equal(Analytics.Forecasting.MethodNames.Zh(root.GetProperty("method").GetString()!), root.GetProperty("methodZh").GetString());
        Assert.DoesNotMatch("[_+]", root.GetProperty("methodZh").GetString()!);

        var trained = forecaster.Trained;
        var hits = forecaster.CacheHits;
        // Another horizon of the same series and origin is a cut of the forecast already trained.
        var again = await Get(factory.Admin(), url.Replace("horizon=6", "horizon=12", StringComparison.Ordinal));
        Assert.Equal(12, again.GetProperty("points").GetArrayLength());
        Assert.Equal(trained, forecaster.Trained);
        Assert.Equal(hits + 1, forecaster.CacheHits);
    }

    [Fact]
    public async Task An_earlier_origin_returns_the_actual_values()
    {
        var root = await Get(factory.Admin(), $"/api/forecasts?measure=hotline_tickets&region={TestSources.Province}&horizon=2&origin=2024-01");
        Assert.Equal("2024-01", root.GetProperty("origin").GetString());
        var first = root.GetProperty("points")[0];
        Assert.Equal("2024-02", first.GetProperty("month").GetString());
        Assert.Equal(factory.Sources.Tickets.Count(t => t.Received is { Year: 2024, Month: 2 }), first.GetProperty("actual").GetDouble());
        Assert.True(first.GetProperty("lo95").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_region_outside_the_keys_scope_is_not_found()
    {
        var key = factory.NewKey(Roles.Viewer, TestSources.Xian);
        var client = ApiFactory.ClientWith(factory, key);
        var outside = await client.GetAsync($"/api/forecasts?measure=hotline_tickets&region={TestSources.Qishan}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var odata = await client.GetAsync($"/odata/Forecast(MeasureId='hotline_tickets',RegionCode='{TestSources.Qishan}',Horizon=3)");
        Assert.Equal(HttpStatusCode.NotFound, odata.StatusCode);
        await Get(client, $"/api/forecasts?measure=hotline_tickets&region={TestSources.Xincheng}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(null).GetAsync($"/api/forecasts?measure=hotline_tickets&region={TestSources.Xian}")).StatusCode);
    }

    [Theory]
    [InlineData("measure=nope&region=610000000000")]
    [InlineData("measure=staffing_approved&region=610000000000")]
    [InlineData("measure=hotline_tickets&region=610000000000&horizon=13")]
    [InlineData("measure=hotline_tickets&region=610000000000&origin=2031-01")]
    public async Task Bad_forecast_requests_are_problems(string query)
    {
        var response = await factory.Admin().GetAsync("/api/forecasts?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OData_function_answers_the_same_forecast()
    {
        var odata = await Get(factory.Admin(), $"/odata/Forecast(MeasureId='hotline_tickets',RegionCode='{TestSources.Baoji}',Horizon=3)");
        var json = await Get(factory.Admin(), $"/api/forecasts?measure=hotline_tickets&region={TestSources.Baoji}&horizon=3");
        Assert.Equal(3, odata.GetProperty("Points").GetArrayLength());
        Assert.Equal(json.GetProperty("method").GetString(), odata.GetProperty("Method").GetString());
        Assert.Equal(json.GetProperty("points")[2].GetProperty("hi95").GetDouble(), odata.GetProperty("Points")[2].GetProperty("Hi95").GetDouble(), 9);
        var from = await Get(factory.Admin(), $"/odata/Forecast(MeasureId='hotline_tickets',RegionCode='{TestSources.Baoji}',Horizon=2,Origin='2024-01')");
        Assert.Equal("2024-01", from.GetProperty("Origin").GetString());
    }

    [Fact]
    public async Task OpenAPI_describes_the_forecasts()
    {
        var root = JsonDocument.Parse(await factory.ClientWith(null).GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(root.GetProperty("paths").TryGetProperty("/api/forecasts", out _));
    }
}
