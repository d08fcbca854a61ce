extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using api::Analytics.Api.Charts;
using api::Analytics.Api.Queries;
using api::Analytics.Api.Forecasts;
using Analytics.Warehouse.Measures;
using Analytics.Tests.Api;
using ScottPlot.Plottables;

namespace Analytics.Tests.Charts;

/// <summary>The forecast chart shows the forecast <c>/api/forecasts</c> serves, with the same key and region rules as the other charts.</summary>
[Collection(ApiCollection.Name)]
public sealed class ForecastChartTests(ApiFactory factory)
{
    private const string Measure = "hotline_satisfaction_rate";

    private Task<ForecastResult?> Forecast(string measure, string region, int horizon = 12) =>
        factory.Admin().GetFromJsonAsync<ForecastResult>($"/api/forecasts?measure={measure}&region={region}&horizon={horizon}", JsonSerializerOptions.Web);

    [Fact]
    public async Task Svg_names_the_method_and_mase_of_the_APIs_forecast_in_Chinese()
    {
        var forecast = await Forecast(Measure, TestSources.Qishan);
        var response = await factory.Admin().GetAsync($"/api/charts/forecast.svg?measure={Measure}&region={TestSources.Qishan}");
        var svg = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, svg);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("岐山县满意率预测", svg);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ForecastChart.Caption(forecast!)), svg);
        Assert.Contains("80%区间", svg);
        Assert.Contains("95%区间", svg);
        Assert.Contains("%", svg);
        Assert.Contains(ScottPlot.Fonts.GetTypeface(ChartFonts.Family, false, false).FamilyName, svg);
    }

    [Fact]
    public async Task The_chart_draws_the_APIs_point_forecast_and_intervals_on_a_percent_scale()
    {
        var forecast = (await Forecast(Measure, TestSources.Qishan))!;
        var to = forecast.Origin;
        var history = (await factory.Admin().GetFromJsonAsync<Trend>(
            $"/api/dashboards/trend?measure={Measure}&region={TestSources.Qishan}&grain=month&to={to}", JsonSerializerOptions.Web))!;
        using var plot = ForecastChart.Build(history, forecast, MeasureCatalog.Find(Measure)!);
        Assert.Equal(2, plot.GetPlottables<FillY>().Count());
        // After the joint at the origin, one value per forecast month, ×100 for the percent axis.
        List<double> Drawn(Scatter s) => s.Data.GetScatterPoints().Skip(1).Select(p => p.Y).ToList();
        var point = plot.GetPlottables<Scatter>().Single(s => s.LegendText == "点预测");
        Assert.Equal(forecast.Points.Select(p => p.Value * 100), Drawn(point));
        // The bands' edges: lower then upper, 95% then 80%.
        var edges = plot.GetPlottables<Scatter>().Where(s => s.LegendText.Length == 0 && s.LineWidth == 1).Select(Drawn).ToList();
        Assert.Equal(4, edges.Count);
        Assert.Equal(forecast.Points.Select(p => p.Lo95 * 100), edges[0]);
        Assert.Equal(forecast.Points.Select(p => p.Hi95 * 100), edges[1]);
        Assert.Equal(forecast.Points.Select(p => p.Lo80 * 100), edges[2]);
        Assert.Equal(forecast.Points.Select(p => p.Hi80 * 100), edges[3]);
    }

    [Theory]
    [InlineData("/api/charts/forecast.png?region=" + TestSources.Qishan, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/forecast.png?measure=staffing_approved&region=" + TestSources.Qishan, HttpStatusCode.BadRequest)]
    [InlineData("/api/charts/forecast.png?measure=hotline_tickets&horizon=13&region=" + TestSources.Qishan, HttpStatusCode.BadRequest)]
    public async Task Bad_forecast_chart_requests_are_problems(string url, HttpStatusCode status)
    {
        var response = await factory.Admin().GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_for_another_region_gets_no_forecast_chart()
    {
        var xian = factory.ClientWith(factory.NewKey("viewer", TestSources.Xian));
        var response = await xian.GetAsync($"/api/charts/forecast.png?measure={Measure}&region={TestSources.Qishan}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
