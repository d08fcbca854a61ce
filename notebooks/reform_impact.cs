// Did the integration change 12345 resolution? What reform_impact.ipynb shows, for .NET users.
// Asks /api/impact for the event study of 宝鸡市's resolution rate around each township's institutional integration
// (Callaway-Sant'Anna, not-yet-integrated townships as comparisons; docs/decisions/0007-impact-estimates.md), then
// recomputes every point estimate from the OData feed: monthly resolved / rated per township, the integration month
// (first month of institution_streamlining_rate), changes from the month before the reform weighted by
// d_t d_b / (d_t + d_b), cohorts averaged by treated weight. Writes impact_event_study.csv.
// Run from the repository root with the API serving: dotnet run notebooks/reform_impact.cs
using System.Globalization;
using System.Text;
using System.Text.Json;

using var feed = new Feed();
const string Region = "610300000000", Measure = "hotline_resolution_rate", Prefix = "6103";

var api = feed.Base.EndsWith("/odata", StringComparison.Ordinal) ? feed.Base[..^"/odata".Length] : feed.Base;
var answer = await feed.Get($"{api}/api/impact?measure={Measure}&region={Region}&treatment=integration");
var estimate = answer.GetProperty("estimate");
Console.WriteLine($"{answer.Text("regionName")} {answer.GetProperty("measure").Text("nameZh")} {answer.Text("firstMonth")} - {answer.Text("lastMonth")}");
Console.WriteLine($"treated townships: {estimate.Integer("treatedUnits")}, comparison townships: {estimate.Integer("comparisonUnits")}");
if (estimate.GetProperty("overall") is { ValueKind: JsonValueKind.Object } overall)
    Console.WriteLine($"average effect months 0-{overall.Integer("lastEventTime")}: {100 * overall.Number("estimate"):+0.00;-0.00} points " +
                      $"(95% {100 * overall.Number("low"):+0.00;-0.00} to {100 * overall.Number("high"):+0.00;-0.00})");
foreach (var warning in estimate.GetProperty("warnings").EnumerateArray())
    Console.WriteLine($"注意: {warning.GetString()}");

static int MonthIndex(string period) =>
    int.Parse(period[..4], CultureInfo.InvariantCulture) * 12 + int.Parse(period[5..7], CultureInfo.InvariantCulture) - 1;

async Task<List<JsonElement>> Monthly(string measure) => await feed.Rows("MeasureValues",
    ("filter", $"MeasureId eq '{measure}' and PeriodGrain eq 'month' and RegionLevel eq 'township' and startswith(RegionCode,'{Prefix}')"),
    ("select", "RegionCode,Period,Value,Numerator,Denominator"));

var rates = (await Monthly(Measure)).Where(r => r.Number("Value") is not null && r.Integer("Denominator") is > 0).ToList();
var first = rates.Min(r => MonthIndex(r.Text("Period")));
var months = rates.Max(r => MonthIndex(r.Text("Period"))) - first + 1;
var y = rates.ToDictionary(r => (r.Text("RegionCode"), MonthIndex(r.Text("Period")) - first),
    r => (Y: (double)r.Integer("Numerator")!.Value / r.Integer("Denominator")!.Value, D: (double)r.Integer("Denominator")!.Value));
var reformMonth = (await Monthly("institution_streamlining_rate")).Where(r => r.Number("Value") is not null)
    .GroupBy(r => r.Text("RegionCode")).ToDictionary(g => g.Key, g => g.Min(r => MonthIndex(r.Text("Period"))) - first);
var townships = rates.Select(r => r.Text("RegionCode")).Distinct().ToList();
var cohortOf = townships.ToDictionary(c => c, c => reformMonth.TryGetValue(c, out var g) && g < months ? g : int.MaxValue);
Console.WriteLine($"{townships.Count} townships, {months} months");

double? EventEffect(int e)
{
    double num = 0, den = 0;
    foreach (var g in cohortOf.Values.Where(g => g >= 1 && g < months).Distinct())
    {
        int t = g + e, b = g - 1;
        if (t < 0 || t >= months)
            continue;
        double sumT = 0, wT = 0, sumC = 0, wC = 0;
        foreach (var code in townships)
        {
            if (!y.TryGetValue((code, t), out var now) || !y.TryGetValue((code, b), out var before))
                continue;
            var w = now.D * before.D / (now.D + before.D);
            if (cohortOf[code] == g)
                (sumT, wT) = (sumT + w * (now.Y - before.Y), wT + w);
            else if (cohortOf[code] > Math.Max(t, b))
                (sumC, wC) = (sumC + w * (now.Y - before.Y), wC + w);
        }
        if (wT == 0 || wC == 0)
            continue;
        num += wT * (sumT / wT - sumC / wC);
        den += wT;
    }
    return den > 0 ? num / den : null;
}

var rows = estimate.GetProperty("events").EnumerateArray().Select(e => (Event: e, Reproduced: EventEffect((int)e.Integer("eventTime")!.Value))).ToList();
var compared = rows.Where(r => r.Event.Number("estimate") is not null && r.Reproduced is not null).ToList();
var largest = compared.Count == 0 ? 0 : compared.Max(r => Math.Abs(r.Event.Number("estimate")!.Value - r.Reproduced!.Value));
Console.WriteLine($"event times compared: {compared.Count}, largest difference: {largest:E2}");
if (compared.Count != rows.Count(r => r.Event.Number("estimate") is not null) || largest > 1e-9)
    throw new InvalidOperationException("the reproduced estimates differ from the API's");

Csv.Write("impact_event_study.csv",
    ["event_time", "estimate_api", "estimate_reproduced", "low", "high", "cohorts", "treated_units", "comparison_units"],
    rows.Select(r => new object?[] { r.Event.Integer("eventTime"), r.Event.Number("estimate"), r.Reproduced, r.Event.Number("low"),
        r.Event.Number("high"), r.Event.Integer("cohorts"), r.Event.Integer("treatedUnits"), r.Event.Integer("comparisonUnits") }));

/// <summary>
/// The OData feed: address and key from ANALYTICS_ODATA_URL and ANALYTICS_API_KEY (defaults: the local API and its
/// demo key), pages followed through @odata.nextLink, 429 answered by waiting as told.
/// </summary>
sealed class Feed : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public Feed()
    {
        http.DefaultRequestHeaders.Add("X-Api-Key", Environment.GetEnvironmentVariable("ANALYTICS_API_KEY") ?? "demo-local-key-not-for-production");
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        Console.WriteLine($"feed: {Base}");
    }

    public string Base { get; } = (Environment.GetEnvironmentVariable("ANALYTICS_ODATA_URL") ?? "http://localhost:5080/odata").TrimEnd('/');

    /// <summary>Where CSV files go: ANALYTICS_OUTPUT_DIR, or output/ beside this file.</summary>
    public static string OutputDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("ANALYTICS_OUTPUT_DIR")
            ?? Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "output");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Pages read by the last <see cref="Rows"/> call.</summary>
    public int Pages { get; private set; }

    public async Task<JsonElement> Get(string url)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            // The API explains a bad query in an OData error body: show it.
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{(int)response.StatusCode} for {url}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        throw new HttpRequestException($"still rate-limited: {url}");
    }

    /// <summary>Every row of a query, e.g. Rows("MeasureValues", ("filter", "..."), ("select", "...")).</summary>
    public async Task<List<JsonElement>> Rows(string set, params (string Option, string Value)[] options)
    {
        var query = string.Join("&", options.Select(o => $"${o.Option}={Uri.EscapeDataString(o.Value)}"));
        var page = await Get($"{Base}/{set}?{query}");
        var rows = page.GetProperty("value").EnumerateArray().ToList();
        Pages = 1;
        // A long result ends each page with a link that carries every option plus a $skiptoken: follow it to the end.
        while (page.TryGetProperty("@odata.nextLink", out var next))
        {
            page = await Get(next.GetString()!);
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            Pages++;
        }
        return rows;
    }

    public void Dispose() => http.Dispose();
}

static class Json
{
    public static string Text(this JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";
    public static double? Number(this JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    public static long? Integer(this JsonElement row, string name) =>
        row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}

/// <summary>RFC 4180 CSV in UTF-8 with a BOM (so Excel reads the Chinese names), numbers in invariant culture.</summary>
static class Csv
{
    public static string Write(string name, IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var path = Path.Combine(Feed.OutputDirectory(), name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.WriteLine(string.Join(",", header));
        var count = 0;
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(",", row.Select(Field)));
            count++;
        }
        Console.WriteLine($"wrote {path} {count} rows");
        return path;
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
