using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Analytics.Etl.Inbox;
using Analytics.Etl.Load;
using Analytics.Warehouse;
using Sources = Analytics.Tests.Etl.Sources;

namespace Analytics.Tests.Ops;

/// <summary>
/// Debian's Prometheus (scripts/setup-debian.sh installs it) scrapes the API on loopback, and the metrics read back
/// through Prometheus's own HTTP API are what the requests, the warehouse and the load journal say.
/// </summary>
public sealed class PrometheusTests : IDisposable
{
    private readonly Sources s = new();
    private readonly string audit = Directory.CreateTempSubdirectory("analytics-prom-audit-").FullName;

    [Fact]
    public async Task Prometheus_scrapes_the_api_and_reads_back_request_generation_and_load_metrics()
    {
        Assert.True(File.Exists("/usr/bin/prometheus"), "Debian's prometheus is missing: run scripts/setup-debian.sh");
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 250));
        var committed = new InboxLoads(new LoadOptions(s.Source, s.Warehouse), TimeSpan.Zero, TextWriter.Null).LoadOnce();
        Assert.Equal("committed", committed);
        var bad = Path.Combine(s.Root, "bad-inbox");
        Directory.CreateDirectory(bad);
        File.WriteAllText(Path.Combine(bad, "regions.csv"), "编号,名字\n1,2\n");
        Assert.Equal("failed", new InboxLoads(new LoadOptions(bad, s.Warehouse), TimeSpan.Zero, TextWriter.Null).LoadOnce());

        using var api = new ApiProcess(s.Warehouse, audit);
        var client = api.Client;
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiProcess.AdminKey);
        // Three different questions: the same one asked again is answered from the generation's kept answers, and
        // the warehouse query metric would count it once.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/odata/MeasureValues?$top={5 + i}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/odata/Nothing")).StatusCode);
        var exposition = await client.GetStringAsync("/metrics");

        var promPort = ApiProcess.FreePort();
        var config = Path.Combine(s.Root, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: analytics
                static_configs:
                  - targets: ['127.0.0.1:{api.Port}']
            """);
        var start = new ProcessStartInfo("/usr/bin/prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(s.Root, "tsdb"), $"--web.listen-address=127.0.0.1:{promPort}" })
            start.ArgumentList.Add(a);
        using var prometheus = Process.Start(start)!;
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var prom = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{promPort}") };
            var age = await Value(prom, "analytics_generation_age_seconds", exposition);
            var generation = new Generations(s.Warehouse).Current()!;
            var expectedAge = (DateTime.UtcNow - File.GetLastWriteTimeUtc(generation)).TotalSeconds;
            Assert.InRange(age, expectedAge - 60, expectedAge + 1);

            Assert.Equal(3, await Value(prom, "sum(http_server_request_duration_seconds_count{job=\"analytics\",http_route=\"odata/MeasureValues\",http_response_status_code=\"200\"})", exposition));
            Assert.True(await Value(prom, "sum(analytics_warehouse_query_duration_seconds_count)", exposition) >= 3);
            Assert.Equal(1, await Value(prom, "analytics_load_last_failed", exposition));
            Assert.Equal(1, await Value(prom, "analytics_load_runs_total{outcome=\"committed\"}", exposition));
            Assert.Equal(1, await Value(prom, "analytics_load_runs_total{outcome=\"failed\"}", exposition));
            // The committed load read the regions and the tickets, and loaded them all.
            Assert.Equal(Sources.Regions.Length + 250, await Value(prom, "analytics_load_last_rows{kind=\"loaded\"}", exposition));
            Assert.Equal(0, await Value(prom, "analytics_load_last_rows{kind=\"quarantined\"}", exposition));
        }
        finally
        {
            prometheus.Kill();
            prometheus.WaitForExit();
        }
    }

    [Fact]
    public async Task Metrics_are_served_to_this_machine_only_unless_allowed()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 30));
        s.Load();
        using var api = new ApiProcess(s.Warehouse, audit, ("Network__KnownProxies__0", "127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/metrics")).StatusCode);
        // Through the reverse proxy on this machine, for a client elsewhere: not served.
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync(proxied)).StatusCode);
    }

    /// <summary>A query's single value, once Prometheus has scraped it (up to a minute).</summary>
    private static async Task<double> Value(HttpClient prom, string query, string exposition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await prom.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
                var result = JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() == 1)
                    return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                // Prometheus still starting.
            }
            await Task.Delay(500);
        }
        Assert.Fail($"Prometheus had no single value for {query}: {last}\nthe API exposed:\n{exposition}");
        return 0;
    }

    public void Dispose()
    {
        s.Dispose();
        Directory.Delete(audit, recursive: true);
    }
}
