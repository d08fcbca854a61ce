#:package Microsoft.Playwright
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Time until each workbench view is usable, in Debian's Chromium at 1366x768, read from the page's own Performance
// API. Starts the API (Release) on the given warehouse, measures, stops it. BENCHMARKS.md explains the figures.
//
//   dotnet run scripts/workbench-bench.cs -- --warehouse /tmp/wh/warehouse.duckdb [--runs 5] [--city 610300000000]
//       [--requests]
//
// The API writes nothing beside the warehouse: its key file, audit trail and report archive go to a temporary
// folder, so the script can read a warehouse another process also reads. --requests prints, for the first open of
// each view, every request the page made (start and duration from navigation start, bytes, the API's
// Server-Timing): the structure of the open, which on a busy machine says more than its wall time.
//
// open:   a fresh tab loads the view's address (key already in the tab) until performance.mark('ready:<view>'),
//         counted from navigation start: static files, the catalog, the key's scopes and the view's data (the region
//         page: its figures and trend).
// band:   the region page only: until its forecast band is drawn (performance.mark('forecast:region')), which
//         follows the trend.
// change: the same view re-rendered after a filter change, performance.measure('view:<view>').
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

var options = Args(args);
var warehouse = Path.GetFullPath(options.GetValueOrDefault("--warehouse") ?? throw new ArgumentException("--warehouse PATH is required"));
var runs = int.Parse(options.GetValueOrDefault("--runs", "5"), CultureInfo.InvariantCulture);
var city = options.GetValueOrDefault("--city", "610300000000");
var requests = options.ContainsKey("--requests");
var scratch = Directory.CreateTempSubdirectory("workbench-bench-").FullName;
var key = "bench-" + Guid.NewGuid().ToString("N");
var port = FreePort();
var repo = Environment.CurrentDirectory;
if (!File.Exists(Path.Combine(repo, "api", "Analytics.Api.csproj")))
    throw new ArgumentException("run it from the repository's root folder");

// Built first, in the open: on a busy machine the build alone can take minutes.
using (var build = Process.Start("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", Path.Combine(repo, "api")]))
{
    await build.WaitForExitAsync();
    if (build.ExitCode != 0)
        throw new InvalidOperationException("the API did not build");
}
using var api = Process.Start(new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--no-build", "--no-launch-profile", "--project", Path.Combine(repo, "api")])
{
    Environment =
    {
        ["ANALYTICS_WAREHOUSE"] = warehouse, ["ANALYTICS_ADMIN_KEY"] = key, ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Reports__Schedule"] = "", ["Logging__LogLevel__Default"] = "Warning",
        ["Access__KeyFile"] = Path.Combine(scratch, "api-keys.json"), ["Audit__Folder"] = Path.Combine(scratch, "audit"),
        ["Reports__Archive"] = Path.Combine(scratch, "reports"),
    },
    RedirectStandardOutput = true, RedirectStandardError = true,
})!;
api.OutputDataReceived += (_, _) => { };
api.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("api: " + e.Data); };
api.BeginOutputReadLine();
api.BeginErrorReadLine();
try
{
    var url = $"http://127.0.0.1:{port}";
    await WaitFor(url, api);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-gpu"],
    });
    // One catalog read tells which periods exist: the newest year and month of the measures asked for.
    var (year, month) = await Periods(browser, url, key);
    var previousYear = (int.Parse(year, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
    var views = new (string Name, string Route, string Open, string Change)[]
    {
        ($"对比: {city}'s townships across counties, satisfaction {year}", "compare",
            $"#/compare?measure=hotline_satisfaction_rate&period={year}&level=township&scope={city}",
            $"#/compare?measure=hotline_satisfaction_rate&period={previousYear}&level=township&scope={city}"),
        ($"对比: every township, response rate {month}", "compare",
            $"#/compare?measure=hotline_response_rate&period={month}&level=township",
            $"#/compare?measure=hotline_response_rate&period={month}&level=township&sort=-denominator"),
        ($"地区: {city} {year} with the monthly trend and forecast", "region",
            $"#/region/{city}?period={year}&measure=hotline_satisfaction_rate",
            $"#/region/{city}?period={year}&measure=hotline_tickets"),
        ("数据: loads, files, quarantine, reconciliation", "data", "#/data", "#/data?again=1"),
    };
    Console.WriteLine($"warehouse {warehouse}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start; median of {runs} (all runs in brackets)");
    Console.WriteLine();
    Console.WriteLine("| view | open ms | change ms | band ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var view in views)
    {
        var open = new List<double>();
        var change = new List<double>();
        var band = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (o, c, b) = await Measure(browser, url, key, view.Route, view.Open, view.Change, requests && i == 0 ? view.Name : null);
            open.Add(o);
            change.Add(c);
            if (b is { } drawn)
                band.Add(drawn);
        }
        Console.WriteLine($"| {view.Name} | {Summary(open)} | {Summary(change)} | {(band.Count > 0 ? Summary(band) : "")} |");
    }
    Console.WriteLine();
    Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
}
finally
{
    api.Kill(entireProcessTree: true);
    Directory.Delete(scratch, recursive: true);
}

static async Task<(double Open, double Change, double? Band)> Measure(IBrowser browser, string url, string key, string route, string open,
    string change, string? describe)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "zh-CN" });
    // The key is in the tab before the page loads, as after signing in once.
    await context.AddInitScriptAsync($"sessionStorage.setItem('analytics-workbench-key', '{key}')");
    var page = await context.NewPageAsync();
    var errors = new List<string>();
    page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
    await page.GotoAsync(url + "/" + open, new() { Timeout = 120_000 });
    await page.WaitForSelectorAsync("#view[data-ready]", new() { Timeout = 120_000 });
    var opened = await page.EvaluateAsync<double>("r => performance.getEntriesByName('ready:' + r)[0].startTime", route);
    double? band = null;
    if (route == "region")
    {
        // The forecast band follows the trend: wait for it, so the change below starts from a finished page.
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('forecast:region').length > 0", null,
            new() { Timeout = 120_000 });
        band = await page.EvaluateAsync<double>("() => performance.getEntriesByName('forecast:region')[0].startTime");
    }
    if (describe is not null)
        await Describe(page, describe, opened);
    await page.EvaluateAsync("() => document.getElementById('view').removeAttribute('data-ready')");
    await page.EvaluateAsync("h => { location.hash = h; }", change);
    await page.WaitForSelectorAsync("#view[data-ready]", new() { Timeout = 120_000 });
    var changed = await page.EvaluateAsync<double>("r => { const e = performance.getEntriesByName('view:' + r); return e[e.length - 1].duration; }", route);
    var shown = await page.Locator("#view .message.error:not(:empty)").AllInnerTextsAsync();
    if (errors.Count > 0 || shown.Count > 0)
        throw new InvalidOperationException($"{open}: the view showed an error: {string.Join("; ", errors.Concat(shown))}");
    return (opened, changed, band);
}

// The open's requests, in the order they started, and the page's own marks (ready, and a later forecast band).
static async Task Describe(IPage page, string name, double ready)
{
    var lines = await page.EvaluateAsync<string[]>("""
        () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .map(e => `${(e.entryType === 'navigation' ? 0 : e.startTime).toFixed(0).padStart(6)} +${(e.responseEnd - (e.entryType === 'navigation' ? 0 : e.startTime)).toFixed(0).padStart(5)} ms `
            + `${String(e.encodedBodySize).padStart(8)} B  ${new URL(e.name).pathname}${new URL(e.name).search.slice(0, 70)}`
            + (e.serverTiming.length ? '  server ' + e.serverTiming.map(t => `${t.name}=${t.duration.toFixed(0)}`).join(' ') : ''))
          .concat(performance.getEntriesByType('mark').map(m => `${m.startTime.toFixed(0).padStart(6)}  mark ${m.name}`))
        """);
    Console.Error.WriteLine($"{name}: ready at {ready:0} ms; start +until end, body bytes, path");
    foreach (var line in lines)
        Console.Error.WriteLine("  " + line);
}

static async Task<(string Year, string Month)> Periods(IBrowser browser, string url, string key)
{
    var request = await browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = key } });
    var response = await request.APIRequest.GetAsync(url + "/api/workbench/catalog");
    var catalog = await response.JsonAsync();
    var satisfaction = catalog!.Value.EnumerateArray().First(m => m.GetProperty("id").GetString() == "hotline_satisfaction_rate").GetProperty("periods");
    await request.CloseAsync();
    return (satisfaction.GetProperty("year")[0].GetString()!, satisfaction.GetProperty("month")[0].GetString()!);
}

static string Summary(List<double> values)
{
    var sorted = values.Order().ToList();
    var text = string.Join(" ", sorted.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
    return $"{sorted[sorted.Count / 2].ToString("N0", CultureInfo.InvariantCulture)} ({text})";
}

static async Task WaitFor(string url, Process api)
{
    using var http = new HttpClient();
    for (var i = 0; i < 600; i++)
    {
        if (api.HasExited)
            throw new InvalidOperationException($"the API exited ({api.ExitCode}) before serving");
        try
        {
            if ((await http.GetAsync(url + "/")).IsSuccessStatusCode)
                return;
        }
        catch (HttpRequestException)
        {
            // Not listening yet: `dotnet run` is still building.
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("the API did not start within 5 minutes");
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static Dictionary<string, string> Args(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        // A flag with no value (--requests) is followed by another option or nothing.
        if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            result[args[i]] = args[++i];
        else
            result[args[i]] = "";
    }
    return result;
}
