using System.Net;
using System.Text.Json;
using Sources = Analytics.Tests.Etl.Sources;

namespace Analytics.Tests.Ops;

/// <summary>
/// The API as a service: JSON log lines with the request id and never the key; SIGTERM lets a request in flight
/// finish and the process exit cleanly.
/// </summary>
public sealed class LogAndStopTests : IDisposable
{
    private readonly Sources s = new();
    private readonly string audit = Directory.CreateTempSubdirectory("analytics-log-audit-").FullName;

    [Fact]
    public async Task Logs_are_json_lines_with_the_request_id_and_never_the_key()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 60));
        s.Load();
        using var api = new ApiProcess(s.Warehouse, audit, ("Logging__LogLevel__Microsoft.AspNetCore", "Information"));
        var response = await api.Client.GetAsync($"/odata/Regions?$top=2&api_key={ApiProcess.AdminKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = new HttpRequestMessage(HttpMethod.Get, "/odata/Nowhere");
        header.Headers.Add("X-Api-Key", ApiProcess.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.SendAsync(header)).StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        JsonElement? line = null;
        for (var i = 0; i < 50 && line is null; i++)
        {
            await Task.Delay(100);
            line = Lines(api).FirstOrDefault(l => l.GetProperty("Category").GetString()!.EndsWith("RequestRecorder", StringComparison.Ordinal)
                && Scope(l, "RequestId") == requestId);
        }
        Assert.True(line is not null, string.Join('\n', api.Output));
        var state = line!.Value.GetProperty("State");
        Assert.Equal("odata/Regions", state.GetProperty("Route").GetString());
        Assert.Equal("200", state.GetProperty("Status").ToString());
        Assert.Equal("admin-env", state.GetProperty("KeyId").GetString());
        Assert.All(api.Output, l => Assert.DoesNotContain(ApiProcess.AdminKey, l));
        // Hosting's own request lines (which would print the query, api_key included) stay off even when asked for.
        Assert.DoesNotContain(Lines(api), l => l.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
            && l.GetProperty("LogLevel").GetString() == "Information");
    }

    [Fact]
    public async Task SIGTERM_lets_a_request_in_flight_finish_and_the_api_exits_cleanly()
    {
        s.Csv("cases/hotline_202401.csv", Sources.TicketHeader, BackupTests.Tickets("A", "2024-01", 400));
        s.Csv("cases/hotline_202402.csv", Sources.TicketHeader, BackupTests.Tickets("B", "2024-02", 400));
        s.Load();
        // The bound is generous: on a busy machine the report takes minutes, and what is shown is that it is not cut.
        using var api = new ApiProcess(s.Warehouse, audit, ("Reports__Archive", Path.Combine(s.Root, "reports")),
            ("Shutdown__Timeout", "00:05:00"));
        using var client = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromMinutes(6) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiProcess.AdminKey);
        // A report with its PDF: the warehouse's queries, forecasts, charts, then Chromium prints; seconds of work.
        var slow = client.GetAsync("/api/reports/610000000000/2024-02.pdf");
        await Task.Delay(400);
        Assert.False(slow.IsCompleted, "the report was built before SIGTERM could be sent: nothing was in flight");
        var signalled = DateTime.UtcNow;
        api.Terminate();
        // Stopping: a new connection is refused at once, while the report is still being built.
        using (var fresh = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromSeconds(5) })
        {
            var refused = false;
            for (var i = 0; i < 50 && !refused; i++)
            {
                try
                {
                    (await fresh.GetAsync("/healthz")).Dispose();
                    await Task.Delay(100);
                }
                catch (HttpRequestException)
                {
                    refused = true;
                }
            }
            Assert.True(refused, "the API still accepted new connections 5 s after SIGTERM");
        }
        Assert.False(slow.IsCompleted, "the report finished before new connections were refused: nothing was shown in flight");
        HttpResponseMessage response;
        try
        {
            response = await slow;
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"the request in flight was cut {(DateTime.UtcNow - signalled).TotalSeconds:0.0} s after SIGTERM: {e.Message}\n{string.Join('\n', api.Output)}");
            return;
        }
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal("%PDF"u8.ToArray(), body[..4]);
        Assert.True(api.Process.WaitForExit(TimeSpan.FromMinutes(6)), "the API did not exit within its shutdown bound");
        Assert.Equal(0, api.Process.ExitCode);
    }

    private static IEnumerable<JsonElement> Lines(ApiProcess api)
    {
        foreach (var text in api.Output.Where(l => !l.StartsWith("stderr:", StringComparison.Ordinal)))
        {
            JsonElement element;
            try
            {
                element = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }
            yield return element;
        }
    }

    private static string? Scope(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name).ToString()).FirstOrDefault()
            : null;

    public void Dispose()
    {
        s.Dispose();
        Directory.Delete(audit, recursive: true);
    }
}
