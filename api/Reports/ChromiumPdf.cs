using System.Diagnostics;

namespace Analytics.Api.Reports;

/// <summary>
/// Prints a report's HTML to PDF with headless Chromium (Debian's chromium): the same engine that shows the page
/// prints it, CJK fonts come from fontconfig, and no PDF library is needed. <c>ANALYTICS_CHROMIUM</c> names another binary.
/// </summary>
public static class ChromiumPdf
{
    public const string Variable = "ANALYTICS_CHROMIUM";
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The flags of every Chromium we start, the one-shot runs here and the long-lived <see cref="ChromiumBrowser"/>.</summary>
    internal static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The Chromium binary, or an error saying what to install.</summary>
    public static string Binary()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new MissingToolException($"PDF needs headless Chromium: {Variable} names {configured}, which does not exist.");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(n => path.Select(p => Path.Combine(p, n))).FirstOrDefault(File.Exists)
            ?? throw new MissingToolException($"PDF needs headless Chromium: apt-get install chromium, or set {Variable}.");
    }

    /// <summary>
    /// Prints in a tab of the process's long-lived browser (<see cref="ChromiumBrowser"/>); once more in a new browser
    /// when the old one died under the print, since a crash of one tab's renderer says nothing about the report.
    /// </summary>
    public static async Task Print(string html, string pdf, CancellationToken cancellation = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await (await ChromiumBrowser.Shared(timeout.Token)).PrintToPdf(html, pdf, timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or IOException && !timeout.IsCancellationRequested)
        {
            await (await ChromiumBrowser.Shared(timeout.Token)).PrintToPdf(html, pdf, timeout.Token);
        }
    }

    /// <summary>The DOM after the page has loaded (the test's view of what a person sees).</summary>
    public static Task<string> DumpDom(string html, CancellationToken cancellation = default) =>
        Run(["--dump-dom"], html, cancellation);

    public static Task Screenshot(string html, string png, int width, int height, CancellationToken cancellation = default) =>
        Run(["--screenshot=" + Path.GetFullPath(png), $"--window-size={width},{height}", "--hide-scrollbars"], html, cancellation);

    private static async Task<string> Run(string[] action, string html, CancellationToken cancellation)
    {
        // A fresh profile per run: Chromium refuses to share one, and nothing from an earlier run leaks in.
        var profile = Directory.CreateTempSubdirectory("analytics-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Binary())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[.. Flags, "--user-data-dir=" + profile, .. action, new Uri(Path.GetFullPath(html)).AbsoluteUri])
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync(cancellation);
            var errors = process.StandardError.ReadToEndAsync(cancellation);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
            return await output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
