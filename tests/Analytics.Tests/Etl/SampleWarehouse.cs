using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl;

/// <summary>
/// data-samples/ loaded by the real loader into a temp warehouse once per test run, shared by every test that reads it:
/// the ETL and notebook tests through this collection, the API's through <see cref="Api.ApiFactory.SamplesWarehouse"/>.
/// A load takes about half a minute, and collections cannot share a fixture, so the load is static.
/// </summary>
public sealed class SampleWarehouse
{
    // Thread-safe: the API and the sample-warehouse collections run in parallel and may both ask first.
    private static readonly Lazy<(string Root, LoadResult Result)> load = new(Load);

    /// <summary>Loads now, so that the collection's first test is not the one that waits.</summary>
    public SampleWarehouse() => _ = load.Value;

    public string Root => load.Value.Root;
    public string Warehouse => Path.Combine(Root, "warehouse.duckdb");
    public static string SamplesFolder => WarehousePaths.DefaultSource;
    public LoadResult Result => load.Value.Result;

    public List<object?[]> Query(string sql) => Sources.Query(Warehouse, sql);

    public object? Scalar(string sql) => Query(sql).Single()[0];

    private static (string, LoadResult) Load()
    {
        var root = Directory.CreateTempSubdirectory("analytics-samples-").FullName;
        // No fixture's Dispose fits a warehouse shared across collections: it goes when the test run's process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        };
        return (root, new Loader(new LoadOptions(SamplesFolder, Path.Combine(root, "warehouse.duckdb"))).Run());
    }
}

[CollectionDefinition(Name)]
public sealed class SampleWarehouseCollection : ICollectionFixture<SampleWarehouse>
{
    public const string Name = "sample warehouse";
}
