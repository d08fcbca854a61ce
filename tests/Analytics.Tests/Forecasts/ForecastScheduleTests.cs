extern alias api;

using System.Net;
using api::Analytics.Api.Data;
using api::Analytics.Api.Forecasts;
using Analytics.Etl.Load;
using Analytics.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Forecasts;

/// <summary>
/// After a load publishes, the background run forecasts the configured provinces' series, and a forecast request
/// for the new generation is answered from there: no series query, nothing trained, the same answer as on demand.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ForecastScheduleTests(ApiFactory factory)
{
    [Fact]
    public async Task After_a_publish_the_background_run_fills_the_cache_and_a_request_runs_no_series_query()
    {
        var root = Path.Combine(factory.Root, "forecast-schedule");
        var source = Path.Combine(root, "source");
        var sources = TestSources.Write(source, months: 12);
        var warehouse = Path.Combine(root, "data", "warehouse.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        using var host = factory.With(("Warehouse:Path", warehouse), ("Warehouse:GenerationCheckInterval", "00:00:00"),
            ("Forecasts:Schedule", "true"), ("Forecasts:Regions", TestSources.Province), ("Forecasts:Levels", "province,city,county"),
            ("Forecasts:CheckInterval", "00:00:00.100"));
        var client = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var schedule = host.Services.GetRequiredService<ForecastSchedule>();
        var forecaster = host.Services.GetRequiredService<ForecastCache>();
        var sql = host.Services.GetRequiredService<SqlLog>();
        await Until(schedule, Target(warehouse));

        sources.WriteTickets(source, 2025, 1, new Random(21));
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        await Until(schedule, Target(warehouse));
        Assert.True(schedule.LastRunSeries > 0);

        var trained = forecaster.Trained;
        sql.Clear();
        var url = $"/api/forecasts?measure=hotline_tickets&region={TestSources.Qishan}&horizon=12";
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(sql.Recent, s => s.Contains("measure_values", StringComparison.Ordinal));
        Assert.Equal(trained, forecaster.Trained);
        Assert.Contains("\"2025-02\"", body, StringComparison.Ordinal);

        // What the background kept is what a host without it trains on demand from the same generation.
        using var onDemand = factory.With(("Warehouse:Path", warehouse), ("Forecasts:Schedule", "false"));
        var fresh = await ApiFactory.ClientWith(onDemand, ApiFactory.AdminKey).GetStringAsync(url);
        Assert.Equal(fresh, body);
        Assert.Equal(1, onDemand.Services.GetRequiredService<ForecastCache>().Trained);
    }

    private static string Target(string warehouse) => new FileInfo(warehouse).ResolveLinkTarget(returnFinalTarget: true)!.FullName;

    private static async Task Until(ForecastSchedule schedule, string generation)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!string.Equals(Path.GetFileName(schedule.LastGeneration), Path.GetFileName(generation), StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the background run did not reach {generation}");
            await Task.Delay(100);
        }
    }
}
