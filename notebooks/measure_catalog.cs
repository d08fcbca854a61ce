// The measure catalog, paging and server-side aggregation: what measure_catalog.ipynb shows, for .NET users.
// Run from the repository root with the API serving: dotnet run notebooks/measure_catalog.cs
// Feed and key: ANALYTICS_ODATA_URL, ANALYTICS_API_KEY; the CSV goes to ANALYTICS_OUTPUT_DIR (default notebooks/output).
using System.Globalization;
using System.Text;
using System.Text.Json;

using var feed = new Feed();

// 1. The catalog: every measure with its names, definition, unit, kind and grains.
var catalog = await feed.Rows("Measures", ("orderby", "Family,Id"));
foreach (var m in catalog)
    Console.WriteLine($"{m.Text("Id"),-38} {m.Text("Unit"),-6} {m.Text("Kind"),-11} {m.Text("NameZh")}");

// 2. A long result read page by page: monthly tickets of every township, checked against the server's $count.
const string tickets = "MeasureId eq 'hotline_tickets' and PeriodGrain eq 'month' and RegionLevel eq 'township'";
var expected = (await feed.Get($"{feed.Base}/MeasureValues?$filter={Uri.EscapeDataString(tickets)}&$count=true&$top=0"))
    .GetProperty("@odata.count").GetInt64();
var monthly = await feed.Rows("MeasureValues", ("filter", tickets), ("select", "RegionCode,RegionName,Period,Numerator"));
Console.WriteLine($"{monthly.Count} rows in {feed.Pages} pages; the server counted {expected}");
if (monthly.Count != expected)
    throw new InvalidOperationException("a page was lost: follow @odata.nextLink to the end");

// 3. The same totals aggregated on the server with $apply (the filter goes inside: $filter applies after $apply).
var totals = await feed.Rows("MeasureValues",
    ("apply", $"filter({tickets})/groupby((RegionCode,RegionName),aggregate(Numerator with sum as Tickets))"),
    ("orderby", "Tickets desc"));
var clientSide = monthly.GroupBy(r => r.Text("RegionCode")).ToDictionary(g => g.Key, g => g.Sum(r => r.Integer("Numerator") ?? 0));
foreach (var t in totals)
    if (clientSide[t.Text("RegionCode")] != t.Integer("Tickets"))
        throw new InvalidOperationException($"{t.Text("RegionCode")}: $apply says {t.Integer("Tickets")}, the pages {clientSide[t.Text("RegionCode")]}");
Console.WriteLine($"{totals.Count} townships; the busiest: " +
    string.Join(", ", totals.Take(5).Select(t => $"{t.Text("RegionName")} {t.Integer("Tickets")}")));

// 4. Export, one row per measure.
string[] columns = ["Id", "NameZh", "NameEn", "Definition", "Unit", "Kind", "Family", "HigherIsBetter", "Grains", "Direction"];
Csv.Write("measure_catalog.csv",
    ["measure_id", "name_zh", "name_en", "definition", "unit", "kind", "family", "higher_is_better", "grains", "direction"],
    catalog.Select(m => columns.Select(c => c == "HigherIsBetter" ? m.GetProperty(c).GetBoolean() : (object)m.Text(c))));

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
