extern alias api;

using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// The API on a free loopback port (Kestrel, not the in-memory test server: Jupyter and `dotnet run` are other
/// processes) over the data-samples warehouse, with the production page size and the local demo key, so the
/// notebooks run exactly as a researcher runs them; and the runner for those other processes.
/// </summary>
public sealed class NotebookFeed : IDisposable
{
    public const string DemoKey = "demo-local-key-not-for-production";
    public const string AptPackages = "jupyter-nbconvert python3-ipykernel python3-pandas python3-requests";

    private readonly Lock gate = new();
    private Host? host;

    public static string NotebooksFolder => Path.Combine(Analytics.Warehouse.WarehousePaths.RepositoryRoot, "notebooks");

    /// <summary>The feed's base URL (…/odata); starts the API over the warehouse on first use.</summary>
    public string Start(string warehouse)
    {
        lock (gate)
        {
            if (host is null)
            {
                var started = new Host(warehouse);
                started.UseKestrel(0);
                started.StartServer();
                host = started;
            }
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.TrimEnd('/') + "/odata";
        }
    }

    /// <summary>Runs a program to its end; the output, both streams, goes into the failure message.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // `dotnet test` leaves MSBuild variables that would point a nested `dotnet run` at the test run's MSBuild.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Not a time limit on the test: only a guard so a hung kernel or build cannot hang CI forever.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(killed after 15 minutes)");
        }
        process.WaitForExit();
        lock (output)
            return (process.ExitCode, output.ToString());
    }

    /// <summary>The `jupyter` on PATH, or a test failure that says how to install it (CI does).</summary>
    public static string Jupyter()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "jupyter"))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            $"Jupyter is not installed, so the notebooks cannot be checked. Install it: apt-get install -y {AptPackages} (.ci/run does).");
        return found!;
    }

    public void Dispose() => host?.Dispose();

    private sealed class Host(string warehouse) : WebApplicationFactory<api::Program>
    {
        private readonly string root = Directory.CreateTempSubdirectory("analytics-notebook-feed-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Warehouse:Path", warehouse);
            builder.UseSetting("Access:KeyFile", Path.Combine(root, "api-keys.json"));
            // The viewer key a researcher starts with; production paging (1000 rows a page) so @odata.nextLink shows.
            builder.UseSetting("Access:DemoKey", DemoKey);
            builder.UseSetting("OData:MaxPageSize", "1000");
            builder.UseSetting("OData:MaxTop", "10000");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
