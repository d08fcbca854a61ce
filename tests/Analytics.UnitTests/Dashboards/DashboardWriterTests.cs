extern alias api;

using System.Text;
using System.Text.Json;
using api::Analytics.Api.Audit;
using api::Analytics.Api.Dashboards;
using api::Analytics.Api.Queries;

namespace Analytics.UnitTests.Dashboards;

/// <summary>
/// The kept dashboard JSON is written by the generated writer, not the serializer: it must be the same bytes the
/// HTTP JSON options write, and what it tells the audit must be what the audit would have read from those bytes.
/// </summary>
public sealed class DashboardWriterTests
{
    private static readonly MeasureInfo Rate =
        new("hotline_response_rate", "响应率", "Hotline response rate", "ratio", "flow", true);

    private static readonly MeasureInfo Count =
        new("hotline_tickets", "12345工单数", "Hotline tickets \"all\"", "count", "flow", true)
        {
            Direction = "none",
        };

    // The options the API configures (ApiSetup): ASP.NET Core's web defaults with the dashboards' context first.
    private static JsonSerializerOptions HttpOptions()
    {
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;
        options.TypeInfoResolverChain.Insert(0, DashboardJson.Default);
        return options;
    }

    private static Comparison Townships(int count, int perCounty) => new(Rate, "2024", "township", null,
        Enumerable.Range(0, count).Select(i => new ComparisonRow(
            $"61{i / perCounty:D4}{i % perCounty:D3}000", i % 3 == 0 ? "城关街道办事处" : $"第{i}镇 <&'>",
            $"61{i / perCounty:D4}000000", i % 7 == 0 ? null : 1.0 / (i + 3), i, 1000L * i + 7,
            i % perCounty + 1, perCounty,
            0.9971258361204013, i % 5 == 0 ? null : -2.5e-7 * i, 1e-12 * i, i == 4 ? double.Epsilon : 12345678.9)
        {
            Low = 0.1 + i * 1e-9,
            High = i % 2 == 0 ? null : 1,
            Reliable = i % 4 != 0,
        }).ToList());

    private static Trend Months() => new(Count, "610304000000", "陈仓区", "610300000000", null, "month",
        Enumerable.Range(1, 30).Select(m => new TrendPoint(
            $"20{22 + m / 12}-{m % 12 + 1:D2}", m % 6 == 0 ? null : m * 1.5,
            m, 40 + m, 0.25, null)
        { Low = 0.2, High = 0.3, Reliable = m > 3 }).ToList());

    private static Overview Figures() => new("610304000000", "陈仓区", "county", "2024-Q3",
        [
            new Figure(Rate, 0.98, 980, 1000, 0.97, 0.01, 3, 12, 0.95),
            new Figure(Count, 120, null, null, null, null, null, null, null),
        ]);

    public static TheoryData<string> Answers =>
        ["small comparison", "large comparison", "trend", "overview", "empty"];

    private static object Answer(string name) => name switch
    {
        "small comparison" => Townships(40, 9),
        "large comparison" => Townships(2300, 17),
        "trend" => Months(),
        "overview" => Figures(),
        _ => new Comparison(Rate, "2024", "city", "610000000000", []),
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Kept_json_is_byte_for_byte_what_the_http_json_options_write(string name)
    {
        var answer = Answer(name);
        var options = HttpOptions();
        var writer = new DashboardWriter(options);
        Assert.True(writer.UsesGeneratedWriter);
        var (json, size) = writer.Write(answer);
        var expected = JsonSerializer.SerializeToUtf8Bytes(answer, options.GetTypeInfo(answer.GetType()));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(json.ToArray()));
        Assert.True(size >= json.Length);
        // Chinese is written as it is, not escaped, as the API always answered.
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Audit_rows_of_an_answer_are_what_the_recorder_reads_from_its_body(string name)
    {
        var answer = Answer(name);
        var (json, _) = new DashboardWriter(HttpOptions()).Write(answer);
        var read = new ResponseRows();
        read.Begin("application/json; charset=utf-8");
        var bytes = json.ToArray();
        for (var offset = 0; offset < bytes.Length; offset += 4096)
            read.Feed(bytes.AsSpan()[offset..Math.Min(bytes.Length, offset + 4096)]);
        var rows = read.Finish();

        var known = DashboardWriter.Rows(answer)!;
        Assert.Equal(rows, known.Rows);
        Assert.Equal(read.Regions.Order(StringComparer.Ordinal), known.Regions.Order(StringComparer.Ordinal));
        Assert.Equal(read.RegionsTruncated, known.RegionsTruncated);
        Assert.Equal(name == "large comparison", known.RegionsTruncated);
        Assert.NotEmpty(known.Regions);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_kept_answer_holds_exactly_its_bytes(string name)
    {
        var (json, size) = new DashboardWriter(HttpOptions()).Write(Answer(name));
        var segment = Assert.Single(json.Segments);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(segment, out var array));
        Assert.Equal(0, array.Offset);
        Assert.Equal(json.Length, array.Array!.Length);
        Assert.Equal(json.Length, size);
    }
}
