using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Api.Queries;

namespace Analytics.Api.Dashboards;

/// <summary>
/// Source-generated JSON for the dashboard answers: a nationwide township comparison is about 1,700 rows and half a
/// megabyte, and serialising it was most of what the API added to DuckDB's time (see BENCHMARKS.md).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Comparison))]
[JsonSerializable(typeof(Trend))]
[JsonSerializable(typeof(Overview))]
public sealed partial class DashboardJson : JsonSerializerContext;
