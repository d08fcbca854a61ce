using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl;

/// <summary>data-samples/ loaded once by the real loader into a temp warehouse, shared by the tests that read it.</summary>
public sealed class SampleWarehouse : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("analytics-samples-").FullName;
    public string Warehouse => Path.Combine(Root, "warehouse.duckdb");
    public static string SamplesFolder => WarehousePaths.DefaultSource;
    public LoadResult Result { get; }

    public SampleWarehouse() => Result = new Loader(new LoadOptions(SamplesFolder, Warehouse)).Run();

    public List<object?[]> Query(string sql) => Sources.Query(Warehouse, sql);

    public object? Scalar(string sql) => Query(sql).Single()[0];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleWarehouseCollection : ICollectionFixture<SampleWarehouse>
{
    public const string Name = "sample warehouse";
}
