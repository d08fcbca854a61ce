using System.Text.Json;
using Analytics.Api.Audit;
using Analytics.Api.Queries;

namespace Analytics.Api.Dashboards;

/// <summary>
/// Writes a comparison's JSON straight from DuckDB's reader (<see cref="ComparisonCursor"/>), one region at a time:
/// no row objects, and each number written by the JSON writer itself rather than through the serializer's converter
/// for each <c>double?</c> (a nationwide township comparison is 1,700 rows, some 12,000 numbers). The bytes are the
/// generated writer's (<see cref="DashboardWriter"/>; tests hold the two to each other on real data), and what the
/// audit records of the answer is seen on the way (<see cref="KnownRows.Collector"/>).
/// </summary>
internal static class ComparisonWriter
{
    private static readonly JsonEncodedText Measure = JsonEncodedText.Encode("measure");
    private static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText Within = JsonEncodedText.Encode("within");
    private static readonly JsonEncodedText Regions = JsonEncodedText.Encode("regions");
    private static readonly JsonEncodedText RegionCode = JsonEncodedText.Encode("regionCode");
    private static readonly JsonEncodedText RegionName = JsonEncodedText.Encode("regionName");
    private static readonly JsonEncodedText ParentCode = JsonEncodedText.Encode("parentCode");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Numerator = JsonEncodedText.Encode("numerator");
    private static readonly JsonEncodedText Denominator = JsonEncodedText.Encode("denominator");
    private static readonly JsonEncodedText SiblingRank = JsonEncodedText.Encode("siblingRank");
    private static readonly JsonEncodedText SiblingCount = JsonEncodedText.Encode("siblingCount");
    private static readonly JsonEncodedText ParentValue = JsonEncodedText.Encode("parentValue");
    private static readonly JsonEncodedText DifferenceFromParent = JsonEncodedText.Encode("differenceFromParent");
    private static readonly JsonEncodedText PreviousValue = JsonEncodedText.Encode("previousValue");
    private static readonly JsonEncodedText Change = JsonEncodedText.Encode("change");
    private static readonly JsonEncodedText Low = JsonEncodedText.Encode("low");
    private static readonly JsonEncodedText High = JsonEncodedText.Encode("high");
    private static readonly JsonEncodedText Reliable = JsonEncodedText.Encode("reliable");

    /// <summary>Writes the whole answer; returns how many regions it holds and what the audit keeps of it.</summary>
    public static KnownRows Write(Utf8JsonWriter json, ComparisonCursor rows)
    {
        var seen = new KnownRows.Collector();
        var m = rows.Measure;
        foreach (var s in DashboardWriter.Strings(m))
            seen.See(s);
        seen.See(rows.Period);
        seen.See(rows.Level);
        seen.See(rows.Within);

        json.WriteStartObject();
        json.WritePropertyName(Measure);
        DashboardJson.Default.MeasureInfo.SerializeHandler!(json, m);
        json.WriteString(Period, rows.Period);
        json.WriteString(Level, rows.Level);
        json.WriteString(Within, rows.Within);
        json.WriteStartArray(Regions);
        var count = 0L;
        while (rows.Read())
        {
            count++;
            var code = rows.RegionCode;
            var name = rows.RegionName;
            var parent = rows.ParentCode;
            seen.See(code);
            seen.See(name);
            seen.See(parent);
            var numerator = rows.Numerator;
            var denominator = rows.Denominator;
            json.WriteStartObject();
            json.WriteString(RegionCode, code);
            json.WriteString(RegionName, name);
            json.WriteString(ParentCode, parent);
            Number(json, Value, rows.Value);
            Number(json, Numerator, numerator);
            Number(json, Denominator, denominator);
            Number(json, SiblingRank, rows.SiblingRank);
            Number(json, SiblingCount, rows.SiblingCount);
            Number(json, ParentValue, rows.ParentValue);
            Number(json, DifferenceFromParent, rows.DifferenceFromParent);
            Number(json, PreviousValue, rows.PreviousValue);
            Number(json, Change, rows.Change);
            var (low, high, reliable) = rows.Reliability(numerator, denominator);
            Number(json, Low, low);
            Number(json, High, high);
            json.WriteBoolean(Reliable, reliable);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return seen.Finish(count);
    }

    private static void Number(Utf8JsonWriter json, JsonEncodedText name, double? value)
    {
        if (value is { } v)
            json.WriteNumber(name, v);
        else
            json.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter json, JsonEncodedText name, long? value)
    {
        if (value is { } v)
            json.WriteNumber(name, v);
        else
            json.WriteNull(name);
    }
}
