using System.Collections.Concurrent;
using System.Data.Common;
using Analytics.Warehouse.Storage;

namespace Analytics.Api.Data;

/// <summary>
/// One generation file, opened read-only. The anchor connection keeps DuckDB's database instance for the file alive
/// so each request's own connection is cheap to open. Counted references: the manager holds one while the generation
/// is current and every request holds one while it runs, so a generation closes once it is replaced and idle.
/// </summary>
public sealed class Generation
{
    private readonly DbConnection anchor;
    private int references = 1;

    public Generation(string file, int threads)
    {
        File = file;
        ConnectionString = Engine.ConnectionString(file, readOnly: true, threads);
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
        if (Interlocked.Decrement(ref references) == 0)
            anchor.Dispose();
    }
}
