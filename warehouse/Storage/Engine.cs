using System.Data.Common;
using DuckDB.NET.Data;
using DuckDBErrorType = DuckDB.NET.Native.DuckDBErrorType;

namespace Analytics.Warehouse.Storage;

/// <summary>How a failed statement reads to the person who sent it: the engine's own error kinds, named neutrally.</summary>
public enum EngineErrorKind
{
    /// <summary>Not the query's fault (I/O, memory, an interrupted statement, an internal error).</summary>
    Other,
    DivideByZero,
    OutOfRange,
    Conversion,
    /// <summary>The statement itself is wrong: syntax, names, types, invalid input to a function.</summary>
    BadQuery,
}

/// <summary>
/// The one place the API and the loader meet the engine's .NET driver (docs/decisions/0008): opening a catalog,
/// parameters, appending rows, interrupting a running statement, telling the engine's errors apart, and the
/// linq2db data provider. Everything else holds <see cref="DbConnection"/> and <see cref="DbException"/>, so a
/// second engine changes this file, <see cref="DuckSql"/>, <see cref="FactStore"/> and the SQL files, and no feature.
/// </summary>
public static class Engine
{
    /// <summary>
    /// Loads the engine's native library (some 50 ms: a 60 MB shared object), for a short process to do on a spare
    /// core while it does other first things; the first connection then finds it loaded.
    /// </summary>
    public static void LoadLibrary() => _ = DuckDB.NET.Native.NativeMethods.Startup.DuckDBLibraryVersion();

    /// <summary>Opens a catalog file; read-only connections may be many across processes, a writing one is alone.</summary>
    public static DbConnection Open(string catalog, bool readOnly = false, int threads = 0)
    {
        var connection = new DuckDBConnection(ConnectionString(catalog, readOnly, threads));
        connection.Open();
        return connection;
    }

    /// <summary>The connection string <see cref="Open"/> uses, for connections opened many times (one a request).</summary>
    public static string ConnectionString(string catalog, bool readOnly = false, int threads = 0) =>
        $"Data Source={catalog}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : "") + (threads > 0 ? $";threads={threads}" : "");

    /// <summary>Opens a connection from <see cref="ConnectionString"/>.</summary>
    public static DbConnection OpenConnectionString(string connectionString)
    {
        var connection = new DuckDBConnection(connectionString);
        connection.Open();
        return connection;
    }

    public static DbParameter Parameter(string name, object? value) => new DuckDBParameter(name, value);

    /// <summary>Stops the statement running on <paramref name="connection"/> (the engine has no statement timeout).</summary>
    public static void Interrupt(DbConnection connection) => ((DuckDBConnection)connection).NativeConnection.Interrupt();

    /// <summary>The linq2db provider that writes the engine's SQL dialect.</summary>
    public static LinqToDB.DataProvider.IDataProvider DataProvider { get; } = LinqToDB.DataProvider.DuckDB.DuckDBTools.GetDataProvider();

    /// <summary>A fast writer of whole rows into <paramref name="table"/>, in its column order.</summary>
    public static RowAppender Appender(DbConnection connection, string table) => new(((DuckDBConnection)connection).CreateAppender(table));

    /// <summary>Whether <paramref name="error"/> came from the engine (a statement failed), not from our code.</summary>
    public static bool Failed(Exception error) => error is DuckDBException;

    /// <summary>The engine's own name for the kind of error, safe to show: it quotes no value.</summary>
    public static string ErrorName(DbException error) => error is DuckDBException duck ? duck.ErrorType.ToString() : error.GetType().Name;

    public static EngineErrorKind Kind(DbException error) => error is not DuckDBException duck ? EngineErrorKind.Other : duck.ErrorType switch
    {
        DuckDBErrorType.DivideByZero => EngineErrorKind.DivideByZero,
        DuckDBErrorType.OutOfRange => EngineErrorKind.OutOfRange,
        DuckDBErrorType.Conversion => EngineErrorKind.Conversion,
        DuckDBErrorType.InvalidInput or DuckDBErrorType.Binder or DuckDBErrorType.Parser or DuckDBErrorType.MismatchType
            or DuckDBErrorType.InvalidType or DuckDBErrorType.Syntax or DuckDBErrorType.Expression => EngineErrorKind.BadQuery,
        _ => EngineErrorKind.Other,
    };
}

/// <summary>Appends rows to one table; values are given in column order, one <see cref="Row"/> at a time.</summary>
public sealed class RowAppender(DuckDBAppender appender) : IDisposable
{
    public Row CreateRow() => new(appender.CreateRow());

    public void Dispose() => appender.Dispose();

    /// <summary>One row being written: each value in column order, then <see cref="EndRow"/>.</summary>
    public readonly struct Row(IDuckDBAppenderRow row)
    {
        public Row AppendValue(string? value) => new(row.AppendValue(value));

        public Row AppendValue(long? value) => new(row.AppendValue(value));

        public Row AppendValue(bool? value) => new(row.AppendValue(value));

        public Row AppendValue(DateTime? value) => new(row.AppendValue(value));

        public void EndRow() => row.EndRow();
    }
}
