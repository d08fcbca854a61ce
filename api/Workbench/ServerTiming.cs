using System.Diagnostics;
using System.Globalization;

namespace Analytics.Api.Workbench;

/// <summary>
/// A <c>Server-Timing</c> header on every workbench answer: the handler's wall time and the process's CPU time
/// meanwhile (DuckDB's threads included; concurrent requests too, so it is an upper bound). The browser shows both beside each
/// request (DevTools, <c>PerformanceResourceTiming.serverTiming</c>), which tells server time from waiting on a busy
/// machine. Times only, nothing of the data.
/// </summary>
public static class ServerTiming
{
    public static async ValueTask<object?> Add(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var result = await next(context);
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var used = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        context.HttpContext.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture,
            $"app;dur={wall:0.0};desc=\"handler wall\", cpu;dur={used:0.0};desc=\"process CPU\"");
        return result;
    }
}
