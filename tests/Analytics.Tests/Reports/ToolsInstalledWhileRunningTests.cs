using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Analytics.Etl.Load;
using Analytics.Tests.Api;
using Analytics.Warehouse;

namespace Analytics.Tests.Reports;

/// <summary>
/// A CJK font or Chromium installed while the API runs is found by the next request, without a restart. The API runs
/// as its own process (the font registry and the browser are per process, so an in-process host would share them
/// with every other test), started with <c>ANALYTICS_CJK_FONT</c> and <c>ANALYTICS_CHROMIUM</c> naming files that
/// do not exist yet; the test then "installs" them by putting the real files there.
/// </summary>
public sealed class ToolsInstalledWhileRunningTests : IDisposable
{
    private const string Key = "tools-test-admin-key";
    private readonly string root = Directory.CreateTempSubdirectory("tools-installed-").FullName;
    private Process? api;

    [Fact]
    public async Task A_font_and_a_browser_installed_after_start_up_are_used_by_the_next_request()
    {
        var font = Path.Combine(root, "fonts", "cjk.ttc");
        var chromium = Path.Combine(root, "bin", "chromium");
        var client = await StartApi(font, chromium);
        var chart = $"/api/charts/trend.png?measure=hotline_tickets&region={TestSources.Qishan}&grain=month&from=2024-01&to=2024-03";
        var report = $"/api/reports/{TestSources.Qishan}/2024-02";

        var before = await client.GetAsync(chart);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("CJK", await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(report + ".html")).StatusCode);

        // "apt-get install fonts-wqy-microhei" while the API runs.
        Directory.CreateDirectory(Path.GetDirectoryName(font)!);
        File.Copy(InstalledFont(), font);
        var drawn = await client.GetAsync(chart);
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal("image/png", drawn.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(report + ".html")).StatusCode);
        var noBrowser = await client.GetAsync(report + ".pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, noBrowser.StatusCode);
        Assert.Contains("Chromium", await noBrowser.Content.ReadAsStringAsync());

        // "apt-get install chromium" while the API runs.
        Directory.CreateDirectory(Path.GetDirectoryName(chromium)!);
        File.CreateSymbolicLink(chromium, "/usr/bin/chromium");
        var printed = await client.GetAsync(report + ".pdf");
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await printed.Content.ReadAsByteArrayAsync())[..5]));
    }

    private async Task<HttpClient> StartApi(string font, string chromium)
    {
        var source = Path.Combine(root, "source");
        TestSources.Write(source);
        var warehouse = Path.Combine(root, "data", "warehouse.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ApiDll(), "--urls", $"http://127.0.0.1:{port}", "--Warehouse:Path", warehouse,
                     "--Access:KeyFile", Path.Combine(root, "data", "api-keys.json"), "--Reports:Schedule=", "--Reports:Archive", Path.Combine(root, "reports")])
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ANALYTICS_ADMIN_KEY"] = Key;
        start.Environment["ANALYTICS_CJK_FONT"] = font;
        start.Environment["ANALYTICS_CHROMIUM"] = chromium;
        api = Process.Start(start)!;
        _ = api.StandardOutput.ReadToEndAsync();
        _ = api.StandardError.ReadToEndAsync();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            Assert.False(api.HasExited, "the API exited at start-up");
            try
            {
                if ((await client.GetAsync("/odata/Measures")).StatusCode == HttpStatusCode.OK)
                    return client;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "the API did not answer within three minutes");
            await Task.Delay(200);
        }
    }

    /// <summary>The API built beside this test assembly's configuration (Debug or Release), run as its own process.</summary>
    private static string ApiDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var dll = Path.Combine(WarehousePaths.RepositoryRoot, "api", "bin", configuration, "net10.0", "Analytics.Api.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }

    private static string InstalledFont() =>
        new[] { "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" }
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("no CJK font on this machine (apt-get install fonts-wqy-microhei)");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (api is { HasExited: false })
        {
            api.Kill(entireProcessTree: true);
            api.WaitForExit(10_000);
        }
        api?.Dispose();
        Directory.Delete(root, recursive: true);
    }
}
