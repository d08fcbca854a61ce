using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Data.Common;
using Analytics.Warehouse.Storage;
using LinqToDB;
using LinqToDB.Data;

namespace Analytics.Api.Data;

/// <summary>
/// One request's view of the warehouse: its own connection to one generation, taken on first use (an open one the
/// generation keeps, <see cref="Data.Generation.Rent"/>) and held to the end of the request, so every query of the
/// request sees the same data. When the request is aborted or times out
/// the running DuckDB query is interrupted (DuckDB has no query timeout of its own).
/// </summary>
public sealed class WarehouseSession(WarehouseConnections connections, SqlLog sqlLog, IHttpContextAccessor http) : IDisposable
{
    private Generation? generation;
    private DbConnection? connection;
    private DataConnection? db;
    private CancellationTokenRegistration interruptOnCancel;
    private CancellationToken cancellation;

    /// <summary>The generation file this request reads (taken without opening a connection: a kept answer needs none).</summary>
    public string GenerationFile => Generation.File;

    /// <summary>The generation this request reads, taken on first use and held to its end.</summary>
    public Generation Generation => generation ??= connections.Acquire();

    public DataConnection Db => db ??= Open(http.HttpContext?.RequestAborted ?? CancellationToken.None);

    public ITable<T> Table<T>() where T : class => Db.GetTable<T>();

    /// <summary>Opens the session for use outside a request (tests, the bench), cancelled by <paramref name="token"/>.</summary>
    public DataConnection Open(CancellationToken token)
    {
        if (db is not null)
            return db;
        token.ThrowIfCancellationRequested();
        generation ??= connections.Acquire();
        connection = generation.Rent();
        cancellation = token;
        var native = connection;
        interruptOnCancel = token.Register(() => Engine.Interrupt(native));
        db = new DataConnection(Options.GetValue(sqlLog, Configure)
            .UseConnection(Engine.DataProvider, connection, disposeConnection: false));
        return db;
    }

    // One switch for every connection: given only a level, linq2db makes a TraceSwitch per connection, and a
    // switch's constructor registers it process-wide under a lock (a measurable share of a point lookup's time).
    private static readonly TraceSwitch Tracing =
        new("Analytics.Warehouse.Sql", "SQL log and query metrics") { Level = TraceLevel.Info };

    // What every session of one host shares: mapping, interceptor and tracing, built once rather than per request.
    private static readonly ConditionalWeakTable<SqlLog, DataOptions> Options = new();

    private static DataOptions Configure(SqlLog log) => new DataOptions()
        .UseMappingSchema(WarehouseMapping.Schema)
        .UseInterceptor(NumericParameters.Instance)
        .UseTraceSwitch(Tracing)
        .UseTracing(info =>
        {
            if (info.TraceInfoStep == TraceInfoStep.BeforeExecute && info.Command is { } command)
                log.Add(info, command);
            Metrics.ApiMetrics.Trace(info);
        });

    public void Dispose()
    {
        // Disposing the registration waits for an interrupt already running; then the connection is either clean or
        // was (perhaps) interrupted, and only a clean one goes back for the next request.
        interruptOnCancel.Dispose();
        db?.Dispose();
        if (connection is not null)
            generation!.Return(connection, reusable: !cancellation.IsCancellationRequested);
        generation?.Release();
        db = null;
        connection = null;
        generation = null;
    }
}
