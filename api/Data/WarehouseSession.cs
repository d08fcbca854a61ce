using System.Diagnostics;
using DuckDB.NET.Data;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.DuckDB;

namespace Analytics.Api.Data;

/// <summary>
/// One request's view of the warehouse: its own connection to one generation, opened on first use and held to the
/// end of the request, so every query of the request sees the same data. When the request is aborted or times out
/// the running DuckDB query is interrupted (DuckDB has no query timeout of its own).
/// </summary>
public sealed class WarehouseSession(WarehouseConnections connections, SqlLog sqlLog, IHttpContextAccessor http) : IDisposable
{
    private static readonly LinqToDB.DataProvider.IDataProvider Provider = DuckDBTools.GetDataProvider();

    private Generation? generation;
    private DuckDBConnection? connection;
    private DataConnection? db;
    private CancellationTokenRegistration interruptOnCancel;

    /// <summary>The generation file this request reads (taken without opening a connection: a kept answer needs none).</summary>
    public string GenerationFile => (generation ??= connections.Acquire()).File;

    public DataConnection Db => db ??= Open(http.HttpContext?.RequestAborted ?? CancellationToken.None);

    public ITable<T> Table<T>() where T : class => Db.GetTable<T>();

    /// <summary>Opens the session for use outside a request (tests, the bench), cancelled by <paramref name="token"/>.</summary>
    public DataConnection Open(CancellationToken token)
    {
        if (db is not null)
            return db;
        token.ThrowIfCancellationRequested();
        generation ??= connections.Acquire();
        connection = generation.Open();
        var native = connection;
        interruptOnCancel = token.Register(() => native.NativeConnection.Interrupt());
        var options = new DataOptions()
            .UseConnection(Provider, connection, disposeConnection: false)
            .UseMappingSchema(WarehouseMapping.Schema)
            .UseInterceptor(NumericParameters.Instance)
            .UseTracing(TraceLevel.Info, info =>
            {
                if (info.TraceInfoStep == TraceInfoStep.BeforeExecute && info.Command is { } command)
                    sqlLog.Add(info.SqlText, command);
                Metrics.ApiMetrics.Trace(info);
            });
        db = new DataConnection(options);
        return db;
    }

    public void Dispose()
    {
        interruptOnCancel.Dispose();
        db?.Dispose();
        connection?.Dispose();
        generation?.Release();
        db = null;
        connection = null;
        generation = null;
    }
}
