// Ranking the towns and streets of a county on the 12345 hotline: what county_hotline_ranking.ipynb shows, for .NET users.
// Finds the county with the most township-level units that received tickets in the latest year (ANALYTICS_COUNTY
// chooses another), ranks its units on response, resolution and satisfaction and on the composite score (1 is best,
// ties share a rank like the warehouse's rank()), checks the ranks against SiblingRank, writes county_hotline_ranking.csv.
// Run from the repository root with the API serving: dotnet run notebooks/county_hotline_ranking.cs
using System.Globalization;
using System.Text;
using System.Text.Json;

using var feed = new Feed();

// Which year and which county: aggregated on the server with $apply.
var years = await feed.Rows("MeasureValues", ("apply", "filter(MeasureId eq 'hotline_tickets' and PeriodGrain eq 'year')/groupby((Period))"));
var year = years.Select(y => y.Text("Period")).Max(StringComparer.Ordinal)!;
var perCounty = await feed.Rows("MeasureValues",
    ("apply", $"filter(MeasureId eq 'hotline_tickets' and Period eq '{year}' and RegionLevel eq 'township')" +
              "/groupby((ParentCode),aggregate($count as Units,Numerator with sum as Tickets))"),
    ("orderby", "Units desc,Tickets desc"));
var countyCode = Environment.GetEnvironmentVariable("ANALYTICS_COUNTY") is { Length: > 0 } chosen ? chosen : perCounty[0].Text("ParentCode");
var countyName = (await feed.Rows("Regions", ("filter", $"Code eq '{countyCode}'")))[0].Text("Name");
Console.WriteLine($"{countyName} ({countyCode}), {year}");

string[] measures = ["hotline_response_rate", "hotline_resolution_rate", "hotline_satisfaction_rate", "hotline_composite_score"];
var values = await feed.Rows("MeasureValues",
    ("filter", $"ParentCode eq '{countyCode}' and RegionLevel eq 'township' and Period eq '{year}' and MeasureId in ({string.Join(",", measures.Select(m => $"'{m}'"))})"),
    ("select", "RegionCode,RegionName,MeasureId,Value,Numerator,Denominator,SiblingRank,SiblingCount"));

// Rank within each measure: 1 + the number of units with a strictly better (higher) value.
var ranked = values.Select(v => (Row: v, Rank: 1 + values.Count(o =>
    o.Text("MeasureId") == v.Text("MeasureId") && o.Number("Value") > v.Number("Value")))).ToList();
foreach (var (row, rank) in ranked)
    if (row.Integer("SiblingRank") != rank)
        throw new InvalidOperationException($"{row.Text("RegionName")} {row.Text("MeasureId")}: rank {rank}, the warehouse says {row.Integer("SiblingRank")}");

Console.WriteLine($"{"unit",-8} {"response",9} {"resolution",11} {"satisfaction",13} {"composite",10}  ranks");
foreach (var unit in ranked.GroupBy(r => r.Row.Text("RegionName"))
             .OrderBy(g => g.Single(r => r.Row.Text("MeasureId") == "hotline_composite_score").Rank))
{
    var by = unit.ToDictionary(r => r.Row.Text("MeasureId"));
    Console.WriteLine($"{unit.Key,-8} {by[measures[0]].Row.Number("Value"),9:P1} {by[measures[1]].Row.Number("Value"),11:P1} " +
                      $"{by[measures[2]].Row.Number("Value"),13:P1} {by[measures[3]].Row.Number("Value"),10:F1}  " +
                      string.Join("/", measures.Select(m => by[m].Rank)));
}

// The county as a whole: sums of its units' numerators over sums of their denominators, never a mean of rates.
foreach (var rate in measures[..3])
{
    var rows = values.Where(v => v.Text("MeasureId") == rate).ToList();
    Console.WriteLine($"{countyName} {rate}: {(double)rows.Sum(r => r.Integer("Numerator") ?? 0) / rows.Sum(r => r.Integer("Denominator") ?? 0):P2}");
}

Csv.Write("county_hotline_ranking.csv",
    ["county_code", "county_name", "period", "region_code", "region_name", "measure_id", "value", "numerator", "denominator", "rank", "units_ranked"],
    ranked.OrderBy(r => r.Row.Text("MeasureId"), StringComparer.Ordinal).ThenBy(r => r.Rank).ThenBy(r => r.Row.Text("RegionCode"), StringComparer.Ordinal)
        .Select(r => new object?[] { countyCode, countyName, year, r.Row.Text("RegionCode"), r.Row.Text("RegionName"), r.Row.Text("MeasureId"),
            r.Row.Number("Value"), r.Row.Integer("Numerator"), r.Row.Integer("Denominator"), r.Rank, r.Row.Integer("SiblingCount") }));

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
