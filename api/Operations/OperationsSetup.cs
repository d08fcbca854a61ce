using System.Net;
using Analytics.Api.Audit;
using Analytics.Api.Health;
using Analytics.Api.Metrics;
using Analytics.Api.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Analytics.Api.Operations;

/// <summary>What the server's staff need (section "Operations" of the README): health, metrics, audit, logs, stop.</summary>
public static class OperationsSetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddSingleton(sp =>
        {
            var audit = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            return new AuditLog(audit.Folder ?? AuditOptions.DefaultFolder(sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path), audit.MaxFileBytes);
        });
        services.AddSingleton<WarehouseGauges>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("analytics-api"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(ApiMetrics.MeterName).AddPrometheusExporter());

        // SIGTERM: Kestrel stops accepting and lets requests in flight finish, for at most this long (past the request
        // timeout, so a request that can still succeed is not cut).
        var warehouse = configuration.GetSection("Warehouse").Get<WarehouseOptions>() ?? new WarehouseOptions();
        services.Configure<HostOptions>(o => o.ShutdownTimeout =
            configuration.GetValue<TimeSpan?>("Shutdown:Timeout") ?? warehouse.RequestTimeout + TimeSpan.FromSeconds(5));

        // JSON logs (Logging__Console__FormatterName=json) carry the request id from the request's scope. Hosting's own
        // request lines would print the query string, api_key included: never below Warning, whatever the configuration.
        services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }

    /// <summary>Outermost after forwarded headers: the request id, the audit entry and the log line of every request.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        var allowRemote = app.Configuration.GetValue("Metrics:AllowRemote", false);
        app.Use(async (context, next) =>
        {
            // Metrics tell no data but do tell traffic: from this machine (the local Prometheus) unless allowed.
            if (context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase) && !allowRemote
                && context.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        app.UseMiddleware<RequestRecorder>();
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealth();
        app.MapAudit();
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        // Created now, so its gauges are registered before the first scrape.
        app.Services.GetRequiredService<WarehouseGauges>();
        return app;
    }
}
