extern alias api;

using api::Analytics.Api.Access;
using Analytics.Etl.Inbox;
using Analytics.Etl.Load;
using Analytics.Tests.Etl;
using Analytics.Warehouse;
using Analytics.Warehouse.Operations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Analytics.Tests.Workbench;

/// <summary>
/// The API on a real port (a browser cannot reach the in-memory test server) over the data-samples warehouse, and
/// Debian's Chromium driven by Playwright. Nothing is downloaded: Playwright's driver ships in its NuGet package and
/// the browser is /usr/bin/chromium.
/// </summary>
public sealed class WorkbenchServer : WebApplicationFactory<api::Program>, IAsyncLifetime
{
    public const string AdminKey = "workbench-admin-key";
    public const string Baoji = "610300000000";
    public const string Chromium = "/usr/bin/chromium";

    private readonly string root = Directory.CreateTempSubdirectory("analytics-workbench-").FullName;
    private IPlaywright? playwright;

    public WorkbenchServer()
    {
        Samples = new SampleWarehouse();
        if (!Samples.Result.Published)
            throw new InvalidOperationException("the data-samples warehouse was not published");
        // Keys exist before the host starts, as `keys add` would have made them.
        var store = new KeyStore(Path.Combine(root, "api-keys.json"));
        BaojiKey = store.Add(Roles.Viewer, Baoji).Key;
        FailLoad();
        UseKestrel(0);
    }

    /// <summary>The export a scheduled load failed on: its header lacks required columns.</summary>
    public const string FailedFile = "cases/hotline_202402.csv";

    /// <summary>The generation served, which the failed load must not have changed.</summary>
    public string? Generation { get; private set; }

    /// <summary>
    /// A scheduled load of a broken export into the samples warehouse, as the inbox runs it: it fails, changes
    /// nothing, and is in the load journal, so the data page has a failed load to show.
    /// </summary>
    private void FailLoad()
    {
        Generation = new Generations(Samples.Warehouse).Current();
        var inbox = Path.Combine(root, "inbox");
        var path = Path.Combine(inbox, FailedFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "工单编号,来电时间\r\nB1,2024-02-01 09:00:00\r\n");
        var outcome = new InboxLoads(new LoadOptions(inbox, Samples.Warehouse), TimeSpan.Zero, TextWriter.Null).LoadOnce();
        if (outcome != LoadAttempt.Failed || new Generations(Samples.Warehouse).Current() != Generation)
            throw new InvalidOperationException($"the broken export's load was {outcome}, or it changed the warehouse");
    }

    public SampleWarehouse Samples { get; }

    /// <summary>A viewer key limited to 宝鸡市.</summary>
    public string BaojiKey { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests leave their screenshots: the test output folder.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "workbench-screenshots")).FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Warehouse:Path", Samples.Warehouse);
        builder.UseSetting("Access:KeyFile", Path.Combine(root, "api-keys.json"));
        builder.UseSetting("ANALYTICS_ADMIN_KEY", AdminKey);
        builder.UseSetting("Reports:Schedule", "");
        builder.UseSetting("Reports:Archive", Path.Combine(root, "reports"));
    }

    public async Task InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (.ci/run does)");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                    "--disable-sync", "--no-first-run", "--disable-gpu"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        playwright?.Dispose();
        await DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A report file still open: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>One API and one browser for every workbench test class that needs the data-samples warehouse.</summary>
[CollectionDefinition(Name)]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchServer>
{
    public const string Name = "workbench";
}
