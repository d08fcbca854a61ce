using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Analytics.Api.Queries;

/// <summary>
/// Answers kept per warehouse generation. Between two loads every answer is fixed, so the same question (its key
/// says the scope it was asked in) under the same generation is computed once: concurrent askers wait for the one
/// computation, later ones read the kept answer. Memory is bounded by <paramref name="capacity"/> units (rows, for
/// the feed); when a newer generation appears every answer of the older ones is dropped. A request still reading
/// an older generation is answered without keeping anything.
/// </summary>
public sealed class AnswerCache(long capacity)
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<(string Generation, string Key), Lazy<(object Value, long Size)>> running = new();
    private readonly ConcurrentDictionary<(string Generation, string Key), Lazy<Task<(object Value, long Size)>>> awaited =
        new();
    private MemoryCache answers = New(capacity);
    private string? newest;
    private long computed;

    /// <summary>How many answers were computed rather than read (for tests and the bench).</summary>
    public long Computed => Interlocked.Read(ref computed);

    /// <summary>The generation the kept answers belong to (its file name).</summary>
    public string? Generation => newest;

    /// <summary>
    /// The answer to <paramref name="key"/> under <paramref name="generation"/>, computed by <paramref name="compute"/>
    /// (which returns the answer and its size) when no answer is kept. A failure is not kept; a request waiting on
    /// another's computation that failed (its timeout, its client gone) computes its own.
    /// </summary>
    public T Get<T>(string generation, string key, Func<(T Value, long Size)> compute) where T : class
    {
        var cache = For(Path.GetFileName(generation));
        if (cache is null)
            return (T)Compute(compute).Value;
        if (cache.TryGetValue(key, out var kept))
            return (T)kept!;
        var mine = new Lazy<(object Value, long Size)>(() => Compute(compute), LazyThreadSafetyMode.ExecutionAndPublication);
        var slot = (generation, key);
        var first = running.GetOrAdd(slot, mine);
        if (!ReferenceEquals(first, mine))
        {
            try
            {
                return (T)first.Value.Value;
            }
            catch (Exception) when (!ReferenceEquals(first, mine))
            {
                return (T)Compute(compute).Value;
            }
        }
        try
        {
            var (value, size) = mine.Value;
            cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, size) });
            return (T)value;
        }
        finally
        {
            running.TryRemove(new KeyValuePair<(string, string), Lazy<(object, long)>>(slot, mine));
        }
    }

    /// <summary>
    /// <see cref="Get{T}"/> for a computation that awaits (the dashboards' queries). A request that waits on another's
    /// computation stops waiting when it is itself cancelled, and computes its own if the other one failed.
    /// </summary>
    public async Task<T> GetAsync<T>(string generation, string key, Func<Task<(T Value, long Size)>> compute,
        CancellationToken cancellation) where T : class
    {
        var cache = For(Path.GetFileName(generation));
        if (cache is null)
            return (T)(await ComputeAsync(compute)).Value;
        if (cache.TryGetValue(key, out var kept))
            return (T)kept!;
        var mine = new Lazy<Task<(object Value, long Size)>>(() => ComputeAsync(compute),
            LazyThreadSafetyMode.ExecutionAndPublication);
        var slot = (generation, key);
        var first = awaited.GetOrAdd(slot, mine);
        if (!ReferenceEquals(first, mine))
        {
            try
            {
                return (T)(await first.Value.WaitAsync(cancellation)).Value;
            }
            catch (Exception) when (!cancellation.IsCancellationRequested)
            {
                return (T)(await ComputeAsync(compute)).Value;
            }
        }
        try
        {
            var (value, size) = await mine.Value;
            cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, size) });
            return (T)value;
        }
        finally
        {
            awaited.TryRemove(new KeyValuePair<(string, string), Lazy<Task<(object, long)>>>(slot, mine));
        }
    }

    /// <summary>Drops the answer to <paramref name="key"/> (one that should not be kept, such as a problem).</summary>
    public void Forget(string generation, string key)
    {
        lock (gate)
        {
            if (string.Equals(newest, Path.GetFileName(generation), StringComparison.Ordinal))
                answers.Remove(key);
        }
    }

    private async Task<(object Value, long Size)> ComputeAsync<T>(Func<Task<(T Value, long Size)>> compute)
        where T : class
    {
        Interlocked.Increment(ref computed);
        var (value, size) = await compute();
        return (value, size);
    }

    /// <summary>
    /// What of a key changes its answers: its roles, its region and whether it sees figures from outside it. Part of
    /// every kept answer's key, so a city key is never given a province key's answer.
    /// </summary>
    public static string Scope(System.Security.Claims.ClaimsPrincipal user) =>
        $"{string.Join('+', user.FindAll(Access.Roles.RoleClaim).Select(c => c.Value).Order(StringComparer.Ordinal))}"
        + $"|{Access.RegionScope.Of(user)}|{Access.RegionScope.SeesOutside(user)}";

    private (object Value, long Size) Compute<T>(Func<(T Value, long Size)> compute) where T : class
    {
        Interlocked.Increment(ref computed);
        var (value, size) = compute();
        return (value, size);
    }

    /// <summary>The answers of <paramref name="generation"/>; null when a newer one has been seen.</summary>
    private MemoryCache? For(string generation)
    {
        lock (gate)
        {
            // Generation files are named by the time of their load, so a later load sorts after an earlier one.
            var order = newest is null ? 1 : string.CompareOrdinal(generation, newest);
            if (order < 0)
                return null;
            if (order > 0)
            {
                // Not disposed: a request may be reading it this instant; emptied, it is collected once unreferenced.
                answers.Clear();
                answers = New(capacity);
                newest = generation;
            }
            return answers;
        }
    }

    private static MemoryCache New(long capacity) => new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.25 });
}
