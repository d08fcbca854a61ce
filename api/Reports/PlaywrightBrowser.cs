using Microsoft.Playwright;

namespace Analytics.Api.Reports;

/// <summary>
/// One headless Chromium per process, started by Playwright (its driver, a Node.js program shipped in the NuGet package,
/// runs beside us and speaks DevTools to Chromium over a pipe), so a report is printed in a new page instead of a new
/// browser. Nothing is downloaded: the browser is the system's (<see cref="ChromiumPdf.Binary"/>). Each print gets a
/// context of its own (no cookies or cache shared between reports). A browser or driver that died is replaced on the
/// next print.
/// </summary>
public sealed class PlaywrightBrowser : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static PlaywrightBrowser? shared;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private volatile bool dead;

    private PlaywrightBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
        browser.Disconnected += (_, _) => dead = true;
    }

    /// <summary>The process's browser, started on first use (or again after it died).</summary>
    public static async Task<PlaywrightBrowser> Shared(CancellationToken cancellation)
    {
        await StartGate.WaitAsync(cancellation);
        try
        {
            if (shared is { dead: false } && shared.browser.IsConnected)
                return shared;
            if (shared is not null)
                await shared.DisposeAsync();
            else
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            shared = await Start();
            return shared;
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static async Task<PlaywrightBrowser> Start()
    {
        var binary = ChromiumPdf.Binary();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = binary,
                Headless = true,
                // Playwright adds --headless, the pipe and a temporary profile itself.
                Args = ChromiumPdf.Flags.Where(f => f != "--headless").ToArray(),
                // The API ends the browser when it exits, after the report in flight (a terminal's Ctrl-C reaches the
                // driver too, which would otherwise close the browser under that report).
                HandleSIGINT = false,
                HandleSIGTERM = false,
                HandleSIGHUP = false,
            });
            return new PlaywrightBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Loads <paramref name="html"/> in a new page, waits for its load event and prints it to <paramref name="pdf"/>.</summary>
    public async Task PrintToPdf(string html, string pdf, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(dead, this);
        // Measuring only: a page in one long-lived context (as the pipe client's tab) against a context per print.
        var page = Environment.GetEnvironmentVariable("ANALYTICS_PDF_CONTEXT") == "shared"
            ? await (browser.Contexts.FirstOrDefault() ?? await browser.NewContextAsync()).NewPageAsync().WaitAsync(cancellation)
            : await browser.NewPageAsync().WaitAsync(cancellation);
        try
        {
            // No timeout of Playwright's own: the caller's token bounds the print, as it did the whole report.
            await page.GotoAsync(new Uri(Path.GetFullPath(html)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load, Timeout = 0 })
                .WaitAsync(cancellation);
            var bytes = await page.PdfAsync(new PagePdfOptions
            {
                // A4 from the page's own @page rule; the footer numbers the pages (the report's last lines say when and from what).
                PreferCSSPageSize = true, Width = "8.27in", Height = "11.69in", PrintBackground = true,
                DisplayHeaderFooter = true, HeaderTemplate = "<span></span>",
                FooterTemplate = "<div style=\"font-size:8px;width:100%;text-align:center;color:#666\">第 <span class=\"pageNumber\"></span> 页，共 <span class=\"totalPages\"></span> 页</div>",
                Margin = new() { Top = "0.6in", Bottom = "0.7in", Left = "0.6in", Right = "0.6in" },
                // Chromium's own default when asked without Playwright: tagged (accessible) PDF.
                Tagged = true,
            }).WaitAsync(cancellation);
            await File.WriteAllBytesAsync(pdf, bytes, cancellation);
        }
        catch (PlaywrightException e) when (!browser.IsConnected)
        {
            dead = true;
            throw new InvalidOperationException($"chromium closed under the print: {e.Message}", e);
        }
        finally
        {
            if (!dead && Environment.GetEnvironmentVariable("ANALYTICS_PDF_CONTEXT") == "shared")
                await page.CloseAsync();
            else if (!dead)
                await page.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        dead = true;
        try
        {
            await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Already gone (or the driver is): disposing Playwright below ends the driver, and Chromium with its pipe.
        }
        playwright.Dispose();
    }
}
