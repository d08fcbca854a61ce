extern alias api;

using System.Net;
using System.Security.Claims;
using System.Text;
using api::Analytics.Api.Access;
using api::Analytics.Api.Audit;
using api::Analytics.Api.Dashboards;
using api::Analytics.Api.Data;
using api::Analytics.Api.Queries;
using Analytics.Tests.Etl;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Tests.Api;

/// <summary>
/// The comparison's JSON is written straight from DuckDB's reader. On the data-samples warehouse it must be, byte
/// for byte, what the typed rows and the generated writer give for the same question (every measure, nulls and
/// all, a subtree, a city key whose own row is masked), and the audit must record the same rows and regions.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ComparisonJsonTests(ApiFactory factory)
{
    private const string Baoji = "610300000000";

    [Fact]
    public async Task Comparison_json_from_the_reader_is_what_the_typed_rows_wrote_on_the_sample_warehouse()
    {
        var warehouse = factory.SamplesWarehouse;
        await using var host = factory.With(("Warehouse:Path", warehouse));
        var questions = Questions(warehouse);
        Assert.True(questions.Count >= 10, $"only {questions.Count} questions");
        var nationwide = new ClaimsPrincipal(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Admin)], "test"));
        var admin = ApiFactory.ClientWith(host, ApiFactory.AdminKey);
        var townships = 0;
        foreach (var (measure, period, level) in questions)
        {
            var url = $"/api/dashboards/comparison?measure={measure}&period={period}&level={level}";
            var response = await admin.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
            var (typed, rows) = await Typed(host, nationwide, measure, period, level, null);
            Assert.Equal(typed, Encoding.UTF8.GetString(body));
            var (streamed, known) = await Streamed(host, nationwide, measure, period, level, null);
            Assert.Equal(typed, streamed);
            Assert.Equal(rows.Rows, known.Rows);
            Assert.Equal(rows.Regions.Order(StringComparer.Ordinal), known.Regions.Order(StringComparer.Ordinal));
            Assert.Equal(rows.RegionsTruncated, known.RegionsTruncated);
            if (level == "township")
                townships += (int)known.Rows;
        }
        Assert.True(townships > 0);

        // A subtree, and a city key: its own row's comparisons outside it are null in the SQL, in both paths.
        var city = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Roles.RoleClaim, Roles.Analyst), new Claim(Roles.RegionClaim, Baoji)], "test"));
        var cityClient = ApiFactory.ClientWith(host, factory.NewKey(Roles.Analyst, Baoji));
        foreach (var (measure, period, _) in questions.Take(4))
        {
            foreach (var (user, client, level, within) in new[]
                     {
                         (nationwide, admin, "township", Baoji), (city, cityClient, "city", (string?)null),
                         (city, cityClient, "county", null),
                     })
            {
                var url = $"/api/dashboards/comparison?measure={measure}&period={period}&level={level}"
                    + (within is null ? "" : $"&within={within}");
                var (typed, rows) = await Typed(host, user, measure, period, level, within);
                Assert.Equal(typed, await client.GetStringAsync(url));
                var (streamed, known) = await Streamed(host, user, measure, period, level, within);
                Assert.Equal(typed, streamed);
                Assert.Equal(rows.Rows, known.Rows);
                Assert.Equal(rows.Regions.Order(StringComparer.Ordinal), known.Regions.Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>For every measure, the period and level with the most rows in the sample warehouse.</summary>
    private static List<(string Measure, string Period, string Level)> Questions(string warehouse) =>
        Sources.Query(warehouse, """
                SELECT measure_id, arg_max(period, n), arg_max(region_level, n)
                FROM (SELECT measure_id, period, region_level, count(*) AS n FROM measure_values GROUP BY ALL)
                GROUP BY measure_id ORDER BY measure_id
                """)
            .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToList();

    private static async Task<(string Json, KnownRows Rows)> Typed(WebApplicationFactory<api::Program> host,
        ClaimsPrincipal user, string measure, string period, string level, string? within)
    {
        using var scope = host.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        session.Open(CancellationToken.None);
        var answer = await new WarehouseQueries(session, user, CancellationToken.None)
            .Compare(measure, period, level, within);
        var comparison = answer.Value!;
        var (json, _) = Writer(host).Write(comparison);
        return (Encoding.UTF8.GetString(json.ToArray()), DashboardWriter.Rows(comparison)!);
    }

    private static async Task<(string Json, KnownRows Rows)> Streamed(WebApplicationFactory<api::Program> host,
        ClaimsPrincipal user, string measure, string period, string level, string? within)
    {
        using var scope = host.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<WarehouseSession>();
        session.Open(CancellationToken.None);
        var answer = await new WarehouseQueries(session, user, CancellationToken.None)
            .CompareCursor(measure, period, level, within);
        await using var rows = answer.Value!;
        var (json, _, known) = Writer(host).Write(rows);
        return (Encoding.UTF8.GetString(json.ToArray()), known);
    }

    private static DashboardWriter Writer(WebApplicationFactory<api::Program> host)
    {
        var options = host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var writer = new DashboardWriter(options);
        Assert.True(writer.UsesGeneratedWriter);
        return writer;
    }
}
