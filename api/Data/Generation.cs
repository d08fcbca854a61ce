using System.Collections.Concurrent;
using System.Data.Common;
using Analytics.Warehouse.Storage;

namespace Analytics.Api.Data;

/// <summary>
/// One generation file, opened read-only. The anchor connection keeps DuckDB's database instance for the file alive
/// so each request's own connection is cheap to open, and connections a request has finished with wait, open, for
/// the next request (<see cref="Rent"/>, <see cref="Return"/>): one request per connection at a time, as a DuckDB
/// connection is not thread-safe. Counted references: the manager holds one while the generation is current and
/// every request holds one while it runs, so a generation closes, its waiting connections with it, once it is
/// replaced and idle; a request still reading it keeps its connection to its end.
/// </summary>
public sealed class Generation
{
    private readonly DbConnection anchor;
    private readonly ConcurrentStack<DbConnection> idle = new();
    private readonly int maxIdle;
    private int references = 1;
    private int open;

    public Generation(string file, int threads, int maxIdle)
    {
        File = file;
        ConnectionString = Engine.ConnectionString(file, readOnly: true, threads);
        this.maxIdle = maxIdle;
        anchor = Open();
    }

    /// <summary>The generation file (the link's target, never the link).</summary>
    public string File { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Values of this generation that no request changes (a load's settings), read once by the first request that
    /// needs them: a statement fewer for every later one.
    /// </summary>
    public ConcurrentDictionary<string, object> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>A new connection to this generation for one request (a DuckDB connection is not thread-safe).</summary>
    public DbConnection Open() => Engine.OpenConnectionString(ConnectionString);

    /// <summary>
    /// A connection for one request, open: one a finished request returned, else a new one. The caller holds a
    /// reference (<see cref="TryAcquire"/>) while it uses it, and gives it back with <see cref="Return"/>.
    /// </summary>
    public DbConnection Rent()
    {
        if (idle.TryPop(out var connection))
            return connection;
        Interlocked.Increment(ref open);
        try
        {
            return Open();
        }
        catch
        {
            Interlocked.Decrement(ref open);
            throw;
        }
    }

    /// <summary>
    /// Gives back a rented connection, before the caller releases its reference. <paramref name="reusable"/> false
    /// (its statement may have been interrupted) closes it instead; so does a full pool.
    /// </summary>
    public void Return(DbConnection connection, bool reusable)
    {
        if (reusable && connection.State == System.Data.ConnectionState.Open && idle.Count < maxIdle)
        {
            idle.Push(connection);
            return;
        }
        Close(connection);
    }

    /// <summary>Connections rented and not closed, waiting ones included (for tests).</summary>
    public int OpenConnections => Volatile.Read(ref open);

    /// <summary>Whether the generation has closed: replaced, and no request reads it any more.</summary>
    public bool Closed => Volatile.Read(ref references) == 0;

    private void Close(DbConnection connection)
    {
        connection.Dispose();
        Interlocked.Decrement(ref open);
    }

    /// <summary>Takes a reference; false when the generation has already closed (the caller looks again).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref references);
            if (current == 0)
                return false;
            if (Interlocked.CompareExchange(ref references, current + 1, current) == current)
                return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref references) != 0)
            return;
        // Nobody holds a reference, so nobody can return a connection any more: close the waiting ones.
        while (idle.TryPop(out var connection))
            Close(connection);
        anchor.Dispose();
    }
}
