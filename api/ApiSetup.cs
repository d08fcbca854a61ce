using System.Threading.RateLimiting;
using Analytics.Api.Access;
using Analytics.Api.Charts;
using Analytics.Api.Dashboards;
using Analytics.Api.Forecasts;
using Analytics.Api.Impact;
using Analytics.Api.Network;
using Analytics.Api.OData;
using Analytics.Api.Operations;
using Analytics.Api.Reports;
using Analytics.Api.Data;
using Analytics.Api.Workbench;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OData;
using Microsoft.Extensions.Options;

namespace Analytics.Api;

/// <summary>Registers and wires the API's features: warehouse access, keys, OData, dashboards, limits.</summary>
public static class ApiSetup
{
    public const string AdminKeyVariable = "ANALYTICS_ADMIN_KEY";

    public static WebApplicationBuilder AddAnalyticsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<WarehouseOptions>(configuration.GetSection("Warehouse"));
        services.Configure<QueryLimits>(configuration.GetSection("OData"));
        services.Configure<AccessOptions>(configuration.GetSection("Access"));
        var network = configuration.GetSection("Network").Get<NetworkOptions>() ?? new NetworkOptions();
        services.Configure<ForwardedHeadersOptions>(network.Apply);
        services.PostConfigure<AccessOptions>(o => o.AdminKey ??= configuration[AdminKeyVariable]);

        services.AddHttpContextAccessor();
        services.AddSingleton<SqlLog>();
        services.AddSingleton<WarehouseConnections>();
        services.AddScoped<WarehouseSession>();
        services.AddSingleton<Forecasts.ForecastCache>();
        services.AddSingleton(sp => new KeyStore(sp.GetRequiredService<IOptions<AccessOptions>>().Value.KeyFile
            ?? AccessOptions.DefaultKeyFile(sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path)));

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.ReadAggregates, p => p.RequireClaim(Roles.RoleClaim, Roles.AggregateReaders))
            .AddPolicy(Roles.ReadFacts, p => p.RequireClaim(Roles.RoleClaim, Roles.FactReaders));

        var limits = configuration.GetSection("OData").Get<QueryLimits>() ?? new QueryLimits();
        services.AddODataFeed(limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes);

        var warehouse = configuration.GetSection("Warehouse").Get<WarehouseOptions>() ?? new WarehouseOptions();
        services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = warehouse.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => ErrorBody.Write(context, "Timeout",
                $"The request took longer than {warehouse.RequestTimeout.TotalSeconds:0.###} s; its query was cancelled. Narrow it with $filter, $top or $apply.")
        });

        var access = configuration.GetSection("Access").Get<AccessOptions>() ?? new AccessOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(
                    context.User.FindFirst(Roles.KeyIdClaim)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress,
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = access.Burst,
                        TokensPerPeriod = access.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = (rejected, cancellation) =>
            {
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(ErrorBody.Write(rejected.HttpContext, "TooManyRequests",
                    $"This API key is limited to {access.PermitsPerSecond} requests per second (bursts of {access.Burst})."));
            };
        });

        services.Configure<ReportOptions>(configuration.GetSection("Reports"));
        services.AddSingleton(sp => new ReportArchive(ReportArchive.DefaultFolder(configuration,
                sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path), sp.GetRequiredService<Forecasts.ForecastCache>(),
            () => new WarehouseSession(sp.GetRequiredService<WarehouseConnections>(), sp.GetRequiredService<SqlLog>(), new HttpContextAccessor()),
            sp.GetRequiredService<IOptions<ReportOptions>>().Value));
        services.AddSingleton<ReportSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportSchedule>());

        services.Configure<ForecastOptions>(configuration.GetSection("Forecasts"));
        services.AddSingleton<ForecastSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<ForecastSchedule>());
        services.Configure<DashboardOptions>(configuration.GetSection("Dashboards"));
        services.AddSingleton<DashboardAnswers>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default));
        services.AddOpenApi();
        services.AddCompression();
        builder.AddOperations();
        return builder;
    }

    public static WebApplication UseAnalyticsApi(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Outside the request recorder: the audit reads each answer's rows and region codes from the bytes as they are
        // written, so it must see them before they are compressed.
        app.UseResponseCompression();
        app.UseOperations();
        (app.Configuration.GetSection("Network").Get<NetworkOptions>() ?? new NetworkOptions()).UsePublicUrl(app);
        app.UseSecurityHeaders();
        app.Use(LastResort);
        app.UseWholeAnswers();
        // A 4xx without a body (no route, no such key, a bad segment) gets one, so every client parses one shape.
        app.UseStatusCodePages(context => EmptyClientError(context.HttpContext));
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.Use(WarehouseErrors);
        app.UseAuthorization();
        app.MapControllers();
        app.MapDashboards();
        app.MapForecasts();
        app.MapImpact();
        app.MapCharts();
        app.MapReports();
        app.MapWorkbench();
        app.MapOpenApi().AllowAnonymous();
        app.MapOperations();
        app.Lifetime.ApplicationStarted.Register(() => PrintWhereToLook(app));
        return app;
    }

    /// <summary>The quick start ends here: tell the person at the terminal what to open and with which key.</summary>
    private static void PrintWhereToLook(WebApplication app)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
        var access = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
        var key = access.DemoKey is { Length: > 0 } demo ? $"demo key (viewer, nationwide): {demo}" : "set ANALYTICS_ADMIN_KEY or add one: dotnet run --project api -- keys add --role analyst";
        Console.WriteLine($"""

            Analytics API serving {app.Services.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path}
              workbench (browser): {url}/
              OData feed (Excel, Power BI, R): {url}/odata              $metadata: {url}/odata/$metadata
              try:       {url}/odata/MeasureValues?$filter=MeasureId eq 'hotline_satisfaction_rate' and PeriodGrain eq 'year' and RegionLevel eq 'city'&api_key=...
              dashboards: {url}/api/dashboards/comparison?measure=hotline_resolution_rate&period=2024&level=city
              OpenAPI:    {url}/openapi/v1.json
              {key}  (header X-Api-Key or query parameter api_key)
            """);
    }

    private static Task EmptyClientError(HttpContext context)
    {
        var response = context.Response;
        if (response.StatusCode is < 400 or >= 500)
            return Task.CompletedTask;
        // The Forecast function exists: when no route matched, a parameter did not parse (Horizon=abc).
        if (response.StatusCode == 404 && context.GetEndpoint() is null && context.Request.Path.StartsWithSegments("/odata")
            && context.Request.Path.Value!.Contains("/Forecast(", StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return ErrorBody.Write(context, "BadRequest",
                "Forecast 的参数无效：应为 Forecast(MeasureId='…',RegionCode='…',Horizon=1 至 12 的整数[,Origin='2023-06'])。");
        }
        return response.StatusCode == 404
            ? ErrorBody.Write(context, "NotFound", "没有这个资源（not found）：请检查地址、实体集名称和键。")
            : ErrorBody.Write(context, "BadRequest", "请求无效（bad request）。");
    }

    /// <summary>
    /// Outermost: an exception no feature answered still gets an error body, never the developer page or an empty 500.
    /// A query's fault (<see cref="QueryErrors"/>) is a 4xx wherever it surfaced (OData, dashboards, charts, reports).
    /// </summary>
    private static async Task LastResort(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var error = QueryErrors.Classify(e);
            if (error is null)
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Analytics.Api").LogError(e, "Unhandled error on {Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = error?.Status ?? StatusCodes.Status500InternalServerError;
            await ErrorBody.Write(context, error?.Code ?? "InternalError", error?.Message ?? "服务器内部错误，已记录（internal error）。");
        }
    }

    /// <summary>
    /// A query interrupted because the request timed out or was aborted surfaces as a DuckDB error: turn it into the
    /// cancellation the request-timeout middleware answers. No warehouse yet, or a tool this machine lacks: 503 with the reason.
    /// </summary>
    private static async Task WarehouseErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            throw new OperationCanceledException("The warehouse query was interrupted.", e, context.RequestAborted);
        }
        catch (WarehouseUnavailableException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await ErrorBody.Write(context, "WarehouseUnavailable", e.Message);
        }
        catch (MissingToolException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await ErrorBody.Write(context, "MissingTool", e.Message);
        }
    }
}
