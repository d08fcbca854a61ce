using System.Collections.Concurrent;

namespace Analytics.Api.Workbench;

/// <summary>
/// Workbench answers fixed between two loads (the catalog, the scopes of a key's region), kept for the newest
/// generation only. Every page open asks for them first; computed once per load they cost a lookup. Concurrent
/// askers share one computation; a failed one (its request was cancelled) is not kept, and whoever waited on it
/// computes their own. A request still reading an older generation computes without keeping.
/// </summary>
public sealed class GenerationAnswers
{
    private readonly Lock gate = new();
    private string? generation;
    private ConcurrentDictionary<string, Lazy<Task<object>>> answers = new(StringComparer.Ordinal);

    public async Task<T> Get<T>(string generationFile, string key, Func<Task<T>> compute) where T : class
    {
        var kept = For(Path.GetFileName(generationFile));
        if (kept is null)
            return await compute();
        var mine = new Lazy<Task<object>>(() => Box(compute));
        var shared = kept.GetOrAdd(key, mine);
        try
        {
            return (T)await shared.Value;
        }
        catch (Exception) when (!ReferenceEquals(shared, mine))
        {
            return await compute();
        }
        catch (Exception)
        {
            kept.TryRemove(KeyValuePair.Create(key, shared));
            throw;
        }
    }

    private static async Task<object> Box<T>(Func<Task<T>> compute) where T : class => await compute();

    private ConcurrentDictionary<string, Lazy<Task<object>>>? For(string name)
    {
        lock (gate)
        {
            // Generation files are named by the time of their load: a later load sorts after an earlier one.
            var order = generation is null ? 1 : string.CompareOrdinal(name, generation);
            if (order < 0)
                return null;
            if (order > 0)
            {
                generation = name;
                answers = new ConcurrentDictionary<string, Lazy<Task<object>>>(StringComparer.Ordinal);
            }
            return answers;
        }
    }
}
