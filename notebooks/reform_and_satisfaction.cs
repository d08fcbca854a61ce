// Streamlining, devolved powers and hotline satisfaction over time: what reform_and_satisfaction.ipynb shows, for .NET users.
// Builds a township × year panel of every unit with rated hotline tickets: satisfaction (satisfied / rated), the year
// its reform was completed (the first year of the cumulative institution_streamlining_rate) and its devolved powers,
// compares pooled satisfaction before / after the reform and with / without devolved powers, correlates the
// streamlining rate with satisfaction per year, and writes reform_satisfaction_panel.csv.
// Associations on synthetic samples, against a common rising trend; not effects.
// Run from the repository root with the API serving: dotnet run notebooks/reform_and_satisfaction.cs
using System.Globalization;
using System.Text;
using System.Text.Json;

using var feed = new Feed();

async Task<List<JsonElement>> Yearly(string measure)
{
    var rows = await feed.Rows("MeasureValues",
        ("filter", $"MeasureId eq '{measure}' and PeriodGrain eq 'year' and RegionLevel eq 'township'"),
        ("select", "RegionCode,RegionName,ParentCode,Period,Value,Numerator,Denominator"));
    Console.WriteLine($"{measure}: {rows.Count} rows in {feed.Pages} page(s)");
    return rows;
}

var satisfaction = await Yearly("hotline_satisfaction_rate");
var streamlining = await Yearly("institution_streamlining_rate");
var devolved = await Yearly("devolved_powers");

static int Year(JsonElement row) => int.Parse(row.Text("Period"), CultureInfo.InvariantCulture);

// The reform year and rate per unit; devolved powers per unit and year (a flow, cumulated below).
var reforms = streamlining.GroupBy(r => r.Text("RegionCode"))
    .ToDictionary(g => g.Key, g => (Year: g.Min(Year), Rate: g.MaxBy(Year).Number("Value")));
var devolvedIn = devolved.ToDictionary(r => (r.Text("RegionCode"), Year(r)), r => (long)(r.Number("Value") ?? 0));

var panel = satisfaction.Select(s =>
{
    var code = s.Text("RegionCode");
    var year = Year(s);
    var reform = reforms.TryGetValue(code, out var found) ? found : ((int Year, double? Rate)?)null;
    return new PanelRow(code, s.Text("RegionName"), s.Text("ParentCode"), year, s.Number("Value"),
        s.Integer("Numerator") ?? 0, s.Integer("Denominator") ?? 0, reform?.Year, reform is { } r && year >= r.Year, reform?.Rate,
        devolvedIn.GetValueOrDefault((code, year)),
        devolvedIn.Where(d => d.Key.Item1 == code && d.Key.Item2 <= year).Sum(d => d.Value));
}).OrderBy(p => p.RegionCode, StringComparer.Ordinal).ThenBy(p => p.Year).ToList();
Console.WriteLine($"{panel.Select(p => p.RegionCode).Distinct().Count()} units, years {panel.Min(p => p.Year)}-{panel.Max(p => p.Year)}");

// Pooled rates: sum of satisfied over sum of rated, never a mean of rates.
static string Pooled(IEnumerable<PanelRow> rows) =>
    rows.Sum(r => r.Rated) is > 0 and var rated ? $"{(double)rows.Sum(r => r.Satisfied) / rated,8:P1}" : "        ";

var everDevolved = panel.GroupBy(p => p.RegionCode).Where(g => g.Any(p => p.DevolvedCumulative > 0)).Select(g => g.Key).ToHashSet();
Console.WriteLine("year  not yet reformed  reformed   never received powers  received powers  spearman(streamlining, satisfaction)");
foreach (var year in panel.GroupBy(p => p.Year).OrderBy(g => g.Key))
{
    var withRate = year.Where(p => p.StreamliningRate is not null && p.Satisfaction is not null).ToList();
    var rho = Spearman(withRate.Select(p => p.StreamliningRate!.Value).ToList(), withRate.Select(p => p.Satisfaction!.Value).ToList());
    Console.WriteLine($"{year.Key}  {Pooled(year.Where(p => !p.Reformed)),16}  {Pooled(year.Where(p => p.Reformed)),8}   " +
                      $"{Pooled(year.Where(p => !everDevolved.Contains(p.RegionCode))),21}  {Pooled(year.Where(p => everDevolved.Contains(p.RegionCode))),15}  {rho,8:F3}");
}
foreach (var since in panel.Where(p => p.ReformYear is not null).GroupBy(p => p.Year - p.ReformYear!.Value).OrderBy(g => g.Key))
    Console.WriteLine($"{since.Key,3} years since the reform: {Pooled(since)}");

Csv.Write("reform_satisfaction_panel.csv",
    ["region_code", "region_name", "county_code", "year", "satisfaction_rate", "satisfied", "rated", "reform_year", "reformed",
     "streamlining_rate", "devolved_powers", "devolved_powers_cumulative"],
    panel.Select(p => new object?[] { p.RegionCode, p.RegionName, p.CountyCode, p.Year, p.Satisfaction, p.Satisfied, p.Rated,
        p.ReformYear, p.Reformed, p.StreamliningRate, p.DevolvedPowers, p.DevolvedCumulative }));

// Spearman's rank correlation: Pearson's on ranks, ties getting their average rank.
static double Spearman(List<double> x, List<double> y)
{
    static double[] Ranks(List<double> v) =>
        v.Select(a => v.Count(b => b < a) + (v.Count(b => b == a) + 1) / 2.0).ToArray();
    var (rx, ry) = (Ranks(x), Ranks(y));
    var (mx, my) = (rx.Average(), ry.Average());
    var cov = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
    return cov / Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
}

sealed record PanelRow(string RegionCode, string RegionName, string CountyCode, int Year, double? Satisfaction, long Satisfied,
    long Rated, int? ReformYear, bool Reformed, double? StreamliningRate, long DevolvedPowers, long DevolvedCumulative);

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
