using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Analytics.Tests.Workbench;

/// <summary>
/// One browser tab on the workbench, recording what a user would not want to see: console errors, page errors, and
/// any request whose address carries the key.
/// </summary>
public sealed class WorkbenchPage : IAsyncDisposable
{
    private readonly IBrowserContext context;

    private WorkbenchPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                Errors.Add("console: " + m.Text);
        };
        page.PageError += (_, e) => Errors.Add("page: " + e);
        page.Request += (_, r) => Urls.Add(r.Url);
    }

    public IPage Page { get; }
    public List<string> Errors { get; } = [];
    public List<string> Urls { get; } = [];

    public static async Task<WorkbenchPage> Open(WorkbenchServer server, int width = 1366, int height = 768)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = server.BaseUrl,
            AcceptDownloads = true,
            Locale = "zh-CN",
        });
        return new WorkbenchPage(context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the form, as a person would, and waits for the first view.</summary>
    public async Task SignIn(string key, string hash = "")
    {
        await Page.GotoAsync("/" + hash);
        await Page.FillAsync("#key", key);
        await Until(() => Page.ClickAsync("#signin-form button[type=submit]"));
    }

    /// <summary>Does something that changes the view and waits until the view has rendered again.</summary>
    public async Task Until(Func<Task> action)
    {
        await Page.EvaluateAsync("() => document.getElementById('view').removeAttribute('data-ready')");
        await action();
        await Page.WaitForSelectorAsync("#view[data-ready]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    public Task Go(string hash) => Until(() => Page.EvaluateAsync("h => { location.hash = h; }", hash));

    /// <summary>The visible text of each cell of the first data table, the row's region code first.</summary>
    public async Task<List<string[]>> Rows() =>
        [.. await Page.EvalOnSelectorAllAsync<string[][]>("table.data tbody tr",
            "rows => rows.map(tr => [tr.dataset.code ?? tr.dataset.measure ?? '', ...Array.from(tr.cells).map(c => c.innerText.trim())])")];

    /// <summary>The whole page (name.png) and what the screen shows without scrolling (name-screen.png).</summary>
    public async Task Screenshot(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchServer.Screenshots, name + ".png"), FullPage = true });
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WorkbenchServer.Screenshots, name + "-screen.png") });
    }

    /// <summary>axe's serious and critical violations on the page as it is now, one line each.</summary>
    public async Task<List<string>> SeriousAccessibilityViolations()
    {
        var result = await Page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }

    /// <summary>How long the last rendering of a view took, from the page's own Performance API measure.</summary>
    public async Task<double> LastViewMilliseconds(string view) =>
        await Page.EvaluateAsync<double>("v => { const e = performance.getEntriesByName('view:' + v); return e.length ? e[e.length - 1].duration : -1; }", view);

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
