using Analytics.Api.Queries;

namespace Analytics.Api.Workbench;

/// <summary>
/// Workbench answers fixed between two loads (the catalog, the scopes of a key's region), kept for the newest
/// generation only. Every page open asks for them first; computed once per load they cost a lookup. The keeping is
/// the API's one per-generation cache (<see cref="AnswerCache"/>): concurrent askers share one computation, a failed
/// one is not kept and whoever waited on it computes their own, and a request still reading an older generation
/// computes without keeping.
/// </summary>
public sealed class GenerationAnswers
{
    // One unit an answer: a catalog and one scope list per region a key is bound to.
    private readonly AnswerCache cache = new(capacity: 4096);

    public Task<T> Get<T>(string generationFile, string key, Func<Task<T>> compute) where T : class =>
        cache.GetAsync(generationFile, key, async () => (await compute(), 1L), CancellationToken.None);
}
