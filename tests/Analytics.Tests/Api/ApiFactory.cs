extern alias api;

using System.Net.Http.Headers;
using api::Analytics.Api.Access;
using api::Analytics.Api.Data;
using Analytics.Etl.Load;
using Analytics.Tests.Etl;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>
/// The API over a temporary warehouse that the real loader builds from <see cref="TestSources"/>. Tests that need
/// other settings derive a host from it with <see cref="With"/>.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<api::Program>
{
    public const string AdminKey = "test-admin-key";

    public ApiFactory()
    {
        Root = Directory.CreateTempSubdirectory("analytics-api-").FullName;
        Source = Path.Combine(Root, "source");
        Sources = TestSources.Write(Source);
        WarehousePath = Path.Combine(Root, "data", "warehouse.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(WarehousePath)!);
        var result = new Loader(new LoadOptions(Source, WarehousePath)).Run();
        if (!result.Published)
            throw new InvalidOperationException("the test warehouse was not published");
    }

    /// <summary>The warehouse of the repository's data-samples/, the one the ETL and notebook tests read (loaded once per run).</summary>
    public string SamplesWarehouse
    {
        get
        {
            var samples = new SampleWarehouse();
            if (!samples.Result.Published)
                throw new InvalidOperationException("the data-samples warehouse was not published");
            return samples.Warehouse;
        }
    }

    public string Root { get; }
    public string Source { get; }
    public TestSources Sources { get; }
    public string WarehousePath { get; }
    public string KeyFile => Path.Combine(Root, "data", "api-keys.json");

    /// <summary>Page size of the test host: small, so paging shows with a few dozen rows.</summary>
    public const int PageSize = 20;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Warehouse:Path", WarehousePath);
        builder.UseSetting("Access:KeyFile", KeyFile);
        builder.UseSetting("ANALYTICS_ADMIN_KEY", AdminKey);
        builder.UseSetting("OData:MaxPageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("OData:MaxTop", "500");
        // Reports are built on request here; the schedule test turns the schedule on for its own host.
        builder.UseSetting("Reports:Schedule", "");
        builder.UseSetting("Reports:Archive", Path.Combine(Root, "reports"));
    }

    /// <summary>
    /// A warehouse of its own under <see cref="Root"/>/<paramref name="name"/>, loaded from test sources written there,
    /// for a test that loads again and watches the API follow (the other tests keep the shared warehouse).
    /// </summary>
    public OwnWarehouse LoadOwn(string name)
    {
        var root = Path.Combine(Root, name);
        var source = Path.Combine(root, "source");
        var sources = TestSources.Write(source);
        var warehouse = Path.Combine(root, "data", "warehouse.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        Assert.True(new Loader(new LoadOptions(source, warehouse)).Run().Published);
        return new OwnWarehouse(source, sources, warehouse);
    }

    /// <summary>A host over the same warehouse (or another) with some settings changed.</summary>
    public WebApplicationFactory<api::Program> With(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
        });

    public HttpClient ClientWith(string? key) => ClientWith(this, key);

    public static HttpClient ClientWith(WebApplicationFactory<api::Program> factory, string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient Admin() => ClientWith(AdminKey);

    /// <summary>A new key in the test host's key file, as `keys add` makes one.</summary>
    public string NewKey(string role, string? region) => new KeyStore(KeyFile).Add(role, region).Key;

    public SqlLog SqlLog => Services.GetRequiredService<SqlLog>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A generation still open by a finishing request: the temp folder is cleaned by the OS.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

/// <summary>A test's own warehouse (<see cref="ApiFactory.LoadOwn"/>): its source folder, what was written there, and its path.</summary>
public sealed record OwnWarehouse(string Source, TestSources Sources, string Warehouse);
