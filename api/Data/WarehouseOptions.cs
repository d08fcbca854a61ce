using Analytics.Warehouse;

namespace Analytics.Api.Data;

/// <summary>Where the API reads the warehouse and how it bounds each request's work (section "Warehouse" of the configuration).</summary>
public sealed class WarehouseOptions
{
    /// <summary>The warehouse link the ETL publishes; <c>ANALYTICS_WAREHOUSE</c> or data/warehouse.duckdb by default.</summary>
    public string Path { get; set; } = WarehousePaths.DefaultWarehouse;

    /// <summary>How often, at most, a request looks whether the link points at a new generation.</summary>
    public TimeSpan GenerationCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A request still running after this long is cancelled, with its DuckDB query interrupted.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Open connections each generation keeps for the next requests (0: a new connection for every request). Each is
    /// used by one request at a time; those of a replaced generation close once its last request ends.
    /// </summary>
    public int IdleConnections { get; set; } = 16;

    /// <summary>Threads each generation's DuckDB instance may use (0: DuckDB's default, all cores).</summary>
    public int Threads { get; set; }
}
