using System.Collections.Concurrent;

namespace Analytics.Api.Impact;

/// <summary>
/// Impact answers of the newest warehouse generation seen, by question (measure, region, treatment, window,
/// replicates and the key's region scope). Only a load changes the data, so a question asked again (the chart after
/// the JSON, a report after either) is not estimated again; a newer generation drops the older one's answers. Shared
/// by the process like the browser of the reports: every caller of <see cref="ImpactQuery.Run"/> benefits.
/// </summary>
public sealed class ImpactCache
{
    /// <summary>Answers kept per generation; past it the oldest are dropped (an answer is a few kilobytes).</summary>
    public const int Capacity = 256;

    public static ImpactCache Shared { get; } = new();

    private readonly Lock gate = new();
    private string? generation;
    private ConcurrentDictionary<string, ImpactAnswer> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> arrival = new();

    public ImpactAnswer? Find(string generationFile, string key) =>
        For(generationFile) is { } kept && kept.TryGetValue(key, out var answer) ? answer : null;

    public void Keep(string generationFile, string key, ImpactAnswer answer)
    {
        if (For(generationFile) is not { } kept || !kept.TryAdd(key, answer))
            return;
        arrival.Enqueue(key);
        while (kept.Count > Capacity && arrival.TryDequeue(out var oldest))
            kept.TryRemove(oldest, out _);
    }

    /// <summary>The answers of <paramref name="file"/>; null for a generation older than the newest seen.</summary>
    private ConcurrentDictionary<string, ImpactAnswer>? For(string file)
    {
        lock (gate)
        {
            // Generation files are named by the time of their load: a later load sorts after an earlier one. Different
            // warehouses (tests, benches) compare by full path, so a switch between them starts afresh.
            var order = generation is null ? 1 : string.CompareOrdinal(file, generation);
            var sameWarehouse = string.Equals(Path.GetDirectoryName(file), Path.GetDirectoryName(generation),
                StringComparison.Ordinal);
            if (order < 0 && sameWarehouse)
                return null;
            if (order != 0)
            {
                generation = file;
                answers = new(StringComparer.Ordinal);
                arrival.Clear();
            }
            return answers;
        }
    }
}
