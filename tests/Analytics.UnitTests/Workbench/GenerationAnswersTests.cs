extern alias api;

using api::Analytics.Api.Workbench;

namespace Analytics.UnitTests.Workbench;

/// <summary>The catalog and scopes kept per load: computed once, dropped by a newer load, not kept when failed.</summary>
public sealed class GenerationAnswersTests
{
    private const string Older = "/wh/warehouse.duckdb.generations/20261201T010000000-1.duckdb";
    private const string Newer = "/wh/warehouse.duckdb.generations/20261202T010000000-2.duckdb";

    [Fact]
    public async Task Concurrent_askers_of_one_load_share_one_computation()
    {
        var answers = new GenerationAnswers();
        var computed = 0;
        var release = new TaskCompletionSource();
        async Task<string> Compute()
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return "catalog";
        }
        var asked = Enumerable.Range(0, 8).Select(_ => Task.Run(() => answers.Get(Older, "catalog", Compute))).ToList();
        await Task.Delay(50);
        release.SetResult();
        Assert.All(await Task.WhenAll(asked), a => Assert.Equal("catalog", a));
        Assert.Equal("catalog", await answers.Get(Older, "catalog", Compute));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task A_newer_load_is_computed_again_and_an_older_one_is_not_kept()
    {
        var answers = new GenerationAnswers();
        Assert.Equal("old", await answers.Get(Older, "catalog", () => Task.FromResult("old")));
        Assert.Equal("new", await answers.Get(Newer, "catalog", () => Task.FromResult("new")));
        Assert.Equal("new", await answers.Get(Newer, "catalog", () => Task.FromResult("not asked")));
        // A request still reading the older load gets that load's answer, computed for it alone.
        Assert.Equal("old again", await answers.Get(Older, "catalog", () => Task.FromResult("old again")));
        Assert.Equal("new", await answers.Get(Newer, "catalog", () => Task.FromResult("not asked")));
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        var answers = new GenerationAnswers();
        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            answers.Get<string>(Older, "scopes|", () => throw new OperationCanceledException()));
        Assert.Equal("scopes", await answers.Get(Older, "scopes|", () => Task.FromResult("scopes")));
    }
}
