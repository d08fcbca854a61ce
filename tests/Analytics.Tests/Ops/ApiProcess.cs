using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Analytics.Tests.Ops;

/// <summary>
/// The API as the server runs it: its own process (<c>dotnet Analytics.Api.dll</c>) on a loopback port, with JSON
/// logs, so tests can scrape it from outside, read its log lines and send it SIGTERM.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    public const string AdminKey = "ops-test-admin-key-7f3a";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    public ApiProcess(string warehouse, string auditFolder, params (string Name, string Value)[] environment)
    {
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analytics.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Warehouse__Path"] = warehouse;
        start.Environment["Audit__Folder"] = auditFolder;
        start.Environment["ANALYTICS_ADMIN_KEY"] = AdminKey;
        start.Environment["Reports__Schedule"] = "";
        start.Environment["Logging__Console__FormatterName"] = "json";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        WaitUntilAlive();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public HttpClient Client { get; }
    public IReadOnlyCollection<string> Output => output.ToArray();
    public Process Process => process;

    /// <summary>Sends SIGTERM, as systemd does to stop the service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void WaitUntilAlive()
    {
        // Generous: on a machine shared by several builds the API's start has taken over a minute.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the API exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            try
            {
                if (Client.GetAsync("/healthz").Result.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException($"the API did not answer /healthz within 180 s:\n{string.Join('\n', output)}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }
}
