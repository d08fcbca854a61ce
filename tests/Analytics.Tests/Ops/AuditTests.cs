extern alias api;

using System.Net;
using System.Text.Json;
using api::Analytics.Api.Access;
using api::Analytics.Api.Audit;
using Analytics.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Ops;

/// <summary>
/// Every request leaves an audit entry (key id, role, scope, route and query, time, rows), the key itself never; an
/// admin can ask who looked at a region in a month.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditTests(ApiFactory api) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("analytics-audit-").FullName;

    [Fact]
    public async Task Every_request_is_recorded_with_key_id_role_scope_query_and_rows_and_never_the_key()
    {
        using var host = api.With(("Audit:Folder", folder));
        var (key, stored) = new KeyStore(api.KeyFile).Add(Roles.Analyst, TestSources.Baoji);
        var client = ApiFactory.ClientWith(host, null);

        var odata = await client.GetAsync($"/odata/MeasureValues?$filter=MeasureId eq 'hotline_tickets'&$top=7&api_key={key}");
        var values = (await ApiJson.Json(odata)).GetProperty("value");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboards/comparison?measure=hotline_tickets&period=2024-03&level=township&within={TestSources.Baoji}");
        request.Headers.Add("X-Api-Key", key);
        var dashboard = await client.SendAsync(request);
        var regions = (await ApiJson.Json(dashboard)).GetProperty("regions");
        var refused = await client.GetAsync("/odata/Regions?api_key=not-a-key-5c1d");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var entries = await Entries(3);
        var first = entries[RequestId(odata)];
        Assert.Equal(stored.Id, first.GetProperty("keyId").GetString());
        Assert.Equal("analyst", first.GetProperty("role").GetString());
        Assert.Equal(TestSources.Baoji, first.GetProperty("scope").GetString());
        Assert.Equal("odata/MeasureValues", first.GetProperty("route").GetString());
        Assert.Equal("$filter=MeasureId eq 'hotline_tickets'&$top=7", first.GetProperty("query").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal(values.GetArrayLength(), first.GetProperty("rows").GetInt64());
        var inAnswer = values.EnumerateArray().Select(v => v.GetProperty("RegionCode").GetString()!).Distinct().Order().ToList();
        Assert.Equal(inAnswer, first.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!).Where(inAnswer.Contains).Order().ToList());
        Assert.InRange((DateTime.UtcNow - first.GetProperty("time").GetDateTime()).TotalMinutes, 0, 5);

        var second = entries[RequestId(dashboard)];
        Assert.Equal("/api/dashboards/comparison", second.GetProperty("route").GetString());
        Assert.Equal(regions.GetArrayLength(), second.GetProperty("rows").GetInt64());
        Assert.Contains(TestSources.Baoji, second.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));

        var third = entries[RequestId(refused)];
        Assert.Equal(401, third.GetProperty("status").GetInt32());
        Assert.False(third.TryGetProperty("keyId", out _));

        foreach (var file in Directory.GetFiles(folder))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(key, text);
            Assert.DoesNotContain("not-a-key-5c1d", text);
            Assert.DoesNotContain("api_key", text);
        }
    }

    [Fact]
    public async Task A_compressed_answer_is_recorded_with_the_rows_and_regions_it_held()
    {
        using var host = api.With(("Audit:Folder", folder));
        var (key, _) = new KeyStore(api.KeyFile).Add(Roles.Analyst, TestSources.Baoji);
        var client = ApiFactory.ClientWith(host, key);
        var responses = new List<HttpResponseMessage>();
        foreach (var coding in new[] { "identity", "gzip", "br" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/odata/MeasureValues?$filter=MeasureId eq 'hotline_tickets'&$top=40");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(coding == "identity" ? [] : [coding], response.Content.Headers.ContentEncoding);
            responses.Add(response);
        }
        var plain = (await ApiJson.Json(responses[0])).GetProperty("value");
        var inAnswer = plain.EnumerateArray().Select(v => v.GetProperty("RegionCode").GetString()!).Distinct().Order().ToList();
        // A kept dashboard answer is sent compressed from the cache, its rows known without reading the bytes.
        var comparison = new HttpRequestMessage(HttpMethod.Get, "/api/dashboards/comparison?measure=hotline_tickets&period=2024-03&level=township");
        comparison.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        var dashboard = await client.SendAsync(comparison);
        Assert.Equal(["br"], dashboard.Content.Headers.ContentEncoding);
        var townships = await client.GetAsync("/api/dashboards/comparison?measure=hotline_tickets&period=2024-03&level=township");
        var regions = (await ApiJson.Json(townships)).GetProperty("regions");

        var entries = await Entries(5);
        foreach (var response in responses)
        {
            var entry = entries[RequestId(response)];
            Assert.Equal(plain.GetArrayLength(), entry.GetProperty("rows").GetInt64());
            Assert.Equal(inAnswer, entry.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!).Where(inAnswer.Contains).Order().ToList());
        }
        var compressed = entries[RequestId(dashboard)];
        Assert.Equal(regions.GetArrayLength(), compressed.GetProperty("rows").GetInt64());
        Assert.Equal(entries[RequestId(townships)].GetProperty("regions").ToString(), compressed.GetProperty("regions").ToString());
    }

    [Fact]
    public async Task Who_looked_at_日照市_last_month()
    {
        var keys = new KeyStore(api.KeyFile);
        var (ju, juKey) = keys.Add(Roles.Analyst, "371122000000");   // 莒县, under 日照市
        var (named, namedKey) = keys.Add(Roles.Viewer, null);       // asks for 日照市 by code
        var (listed, listedKey) = keys.Add(Roles.Viewer, null);     // asks for Shandong's cities: 日照市 is in the answer
        var (linyi, linyiKey) = keys.Add(Roles.Viewer, "371300000000"); // 临沂市 only
        var (later, laterKey) = keys.Add(Roles.Viewer, null);       // looks at 日照市 in December
        var (earlier, earlierKey) = keys.Add(Roles.Viewer, null);   // in October, China time
        var (edge, edgeKey) = keys.Add(Roles.Viewer, null);         // 30 November 23:00 UTC: 1 December in China
        var samples = api.SamplesWarehouse;

        async Task Ask(DateTimeOffset at, string key, string url)
        {
            using var host = At(samples, at);
            await ApiFactory.ClientWith(host, key).GetJson(url);
        }
        var november = new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(8));
        await Ask(november, ju, "/odata/Regions?$top=5");
        await Ask(november, named, "/odata/MeasureValues?$filter=RegionCode eq '371100000000'&$top=3");
        await Ask(november, named, "/odata/Regions?$filter=Code eq '371300000000'");
        await Ask(november, listed, "/odata/Regions?$filter=ParentCode eq '370000000000'");
        await Ask(november, linyi, "/odata/Regions");
        await Ask(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)), later, "/odata/Regions?$filter=Code eq '371100000000'");
        await Ask(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.FromHours(8)), earlier, "/odata/Regions?$filter=Code eq '371100000000'");
        await Ask(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), edge, "/odata/Regions?$filter=Code eq '371100000000'");

        using var december = At(samples, new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        var answer = await ApiFactory.ClientWith(december, ApiFactory.AdminKey).GetJson("/api/audit?region=日照市&month=last");
        Assert.Equal("371100000000", answer.GetProperty("regionCode").GetString());
        var who = answer.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("keyId").GetString()!).Distinct().Order().ToList();
        Assert.Equal(new[] { juKey.Id, namedKey.Id, listedKey.Id }.Order().ToList(), who);
        Assert.All(answer.GetProperty("entries").EnumerateArray(), e => Assert.False(e.GetProperty("possibly").GetBoolean()));
        // The key that asked for 日照市 by code once and for 临沂市 once is listed for the first request only.
        Assert.Equal(1, answer.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("entry").GetProperty("keyId").GetString() == namedKey.Id));

        // Only an admin key may read the trail.
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiFactory.ClientWith(december, listed).GetAsync("/api/audit?region=日照市&month=last")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ApiFactory.ClientWith(december, ApiFactory.AdminKey).GetAsync("/api/audit?region=日照市&month=11-2026")).StatusCode);

        // The same question on the server's command line.
        var cli = Cli("audit", "--region", "日照市", "--month", "2026-11", "--folder", folder, "--warehouse", samples, "--json");
        var fromCli = JsonDocument.Parse(cli).RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("entry").GetProperty("keyId").GetString()!).Distinct().Order().ToList();
        Assert.Equal(who, fromCli);
    }

    [Fact]
    public void A_days_file_past_its_size_continues_in_a_new_part_and_earlier_parts_are_left_as_they_were()
    {
        using (var log = new AuditLog(folder, maxFileBytes: 2000))
        {
            for (var i = 0; i < 40; i++)
            {
                log.Append(new AuditEntry(new DateTime(2026, 11, 3, 8, 0, i, DateTimeKind.Utc), $"r{i}", "k1", "viewer", null, "GET",
                    "odata/Regions", "/odata/Regions", null, 200, i, 1.5, [], false, "127.0.0.1"));
                if (i == 20)
                    Snapshot = File.ReadAllBytes(Path.Combine(folder, "audit-2026-11-03.jsonl"));
            }
        }
        var files = Directory.GetFiles(folder, "audit-2026-11-03*.jsonl");
        Assert.True(files.Length > 3, $"{files.Length} files");
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 2000));
        Assert.Equal(Snapshot, File.ReadAllBytes(Path.Combine(folder, "audit-2026-11-03.jsonl")));
        var read = AuditTrail.Search(folder, new DateTime(2026, 11, 1), new DateTime(2026, 12, 1), null, null).Select(m => m.Entry.RequestId).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"r{i}"), read);
    }

    private byte[]? Snapshot { get; set; }

    private WebApplicationFactory<api::Program> At(string warehouse, DateTimeOffset now) =>
        api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Warehouse:Path", warehouse);
            b.UseSetting("Audit:Folder", folder);
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FixedClock(now)));
        });

    private static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("X-Request-Id").Single();

    /// <summary>The audit entries by request id, once <paramref name="count"/> are on disk (written as each request ends).</summary>
    private async Task<Dictionary<string, JsonElement>> Entries(int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entries = Directory.GetFiles(folder, "audit-*.jsonl").SelectMany(File.ReadAllLines)
                .Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("requestId").GetString()!);
            if (entries.Count >= count || attempt == 50)
                return entries;
            await Task.Delay(100);
        }
    }

    private static string Cli(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Result;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

/// <summary>A clock stopped at one moment: requests are recorded as made then.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
