extern alias api;

using api::Analytics.Api.Queries;

namespace Analytics.Tests.Api;

/// <summary>The kept answers' bounds: memory by size, generations by age, and one computation for concurrent askers.</summary>
public sealed class AnswerCacheBoundsTests
{
    private const string First = "/w/warehouse.duckdb.generations/20261201T010000000-1.duckdb";
    private const string Second = "/w/warehouse.duckdb.generations/20261202T010000000-1.duckdb";

    [Fact]
    public void AnAnswerLargerThanWhatIsLeftIsAnsweredButNotKept()
    {
        var cache = new AnswerCache(capacity: 10);
        Assert.Equal("a", cache.Get(First, "a", () => ("a", 8L)));
        Assert.Equal("a", cache.Get(First, "a", () => ("recomputed", 8L)));
        Assert.Equal(1, cache.Computed);
        Assert.Equal("b", cache.Get(First, "b", () => ("b", 8L)));
        Assert.Equal("b", cache.Get(First, "b", () => ("b", 8L)));
        Assert.Equal(3, cache.Computed);
    }

    [Fact]
    public void ANewerGenerationDropsTheOlderAnswersAndAnOlderOneKeepsNothing()
    {
        var cache = new AnswerCache(capacity: 100);
        cache.Get(First, "q", () => ("old", 1L));
        Assert.Equal("new", cache.Get(Second, "q", () => ("new", 1L)));
        Assert.Equal("20261202T010000000-1.duckdb", cache.Generation);
        // A request still reading the first generation gets its own answer, not the newer one, and keeps nothing.
        Assert.Equal("old again", cache.Get(First, "q", () => ("old again", 1L)));
        Assert.Equal("old once more", cache.Get(First, "q", () => ("old once more", 1L)));
        Assert.Equal("new", cache.Get(Second, "q", () => ("never", 1L)));
    }

    [Fact]
    public async Task ConcurrentAskersOfOneQuestionWaitForOneComputation()
    {
        var cache = new AnswerCache(capacity: 100);
        using var release = new ManualResetEventSlim();
        var askers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.Get(First, "slow", () =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return ("answer", 1L);
        }))).ToList();
        while (cache.Computed == 0)
            await Task.Delay(10);
        await Task.Delay(200);
        release.Set();
        Assert.All(await Task.WhenAll(askers), a => Assert.Equal("answer", a));
        Assert.Equal(1, cache.Computed);
    }

    [Fact]
    public void AFailedComputationIsNotKept()
    {
        var cache = new AnswerCache(capacity: 100);
        Assert.Throws<InvalidOperationException>(() => cache.Get<string>(First, "q", () => throw new InvalidOperationException("timeout")));
        Assert.Equal("fine", cache.Get(First, "q", () => ("fine", 1L)));
    }
}
