using System.Diagnostics;
using System.Diagnostics.Metrics;
using LinqToDB.Data;

namespace Analytics.Api.Metrics;

/// <summary>
/// The API's own instruments (meter <see cref="MeterName"/>), beside ASP.NET Core's request duration by route and
/// status. Static, because the places that time work (a query's trace, a report build) are not all made by the
/// container; OpenTelemetry collects a meter by name.
/// </summary>
public static class ApiMetrics
{
    public const string MeterName = "Analytics.Api";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> WarehouseQuery = Meter.CreateHistogram<double>(
        "analytics.warehouse.query.duration", "s", "Time DuckDB took to answer one statement, rows read included");

    public static readonly Histogram<double> ReportBuild = Meter.CreateHistogram<double>(
        "analytics.report.build.duration", "s", "Time to build and archive one report (HTML, and PDF when asked)");

    public static readonly Histogram<double> ForecastBuild = Meter.CreateHistogram<double>(
        "analytics.forecast.build.duration", "s", "Time to train one forecast (cache misses only)");

    /// <summary>
    /// Records a statement's time from linq2db's trace: a reader's when it is closed (its rows are read by then),
    /// any other statement's when it returns.
    /// </summary>
    public static void Trace(TraceInfo info)
    {
        if (info.ExecutionTime is not { } elapsed)
            return;
        // linq2db reports a reader's end as Completed of DisposeQuery, with the time since it was executed.
        var reader = info.TraceInfoStep == TraceInfoStep.Completed;
        var other = info.TraceInfoStep == TraceInfoStep.AfterExecute && info.Operation is TraceOperation.ExecuteNonQuery or TraceOperation.ExecuteScalar;
        if (reader || other)
            WarehouseQuery.Record(elapsed.TotalSeconds);
    }

    public static void ReportBuilt(long startTimestamp, bool pdf) =>
        ReportBuild.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("pdf", pdf));

    public static void ForecastBuilt(long startTimestamp) => ForecastBuild.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
}
