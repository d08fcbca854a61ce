using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Api.Reports;

/// <summary>
/// One headless Chromium per process, driven over the DevTools protocol on <c>--remote-debugging-pipe</c>, so a report
/// is printed in a new tab instead of a new browser: Chromium's start was most of a report's time. The pipe (fds 3 and 4,
/// given by <c>sh</c> from our stdin and stdout) opens no port anyone else could reach, and Chromium exits by itself
/// when this process dies and the pipe closes. A browser that died is replaced on the next print.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static ChromiumBrowser? shared;

    private readonly Process process;
    private readonly string profile;
    private readonly Stream input;
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> replies = new();
    private readonly ConcurrentDictionary<(string Session, string Method), TaskCompletionSource<JsonElement>> events = new();
    private readonly StringBuilder errors = new();
    private int nextId;
    private volatile bool dead;

    private ChromiumBrowser(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
        input = process.StandardInput.BaseStream;
        _ = Task.Run(ReadLoop);
        _ = Task.Run(async () =>
        {
            // Drained so Chromium never blocks on a full stderr pipe; kept for the error message when it dies.
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (errors)
                    errors.AppendLine(line);
        });
    }

    /// <summary>The process's browser, started on first use (or again after it died).</summary>
    public static async Task<ChromiumBrowser> Shared(CancellationToken cancellation)
    {
        await StartGate.WaitAsync(cancellation);
        try
        {
            if (shared is { dead: false, process.HasExited: false })
                return shared;
            if (shared is not null)
                await shared.DisposeAsync();
            else
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            shared = Start();
            return shared;
        }
        finally
        {
            StartGate.Release();
        }
    }

    private static ChromiumBrowser Start()
    {
        var profile = Directory.CreateTempSubdirectory("analytics-chromium-").FullName;
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Chromium reads commands on fd 3 and writes replies on fd 4; its own stdout goes nowhere so it cannot mix in.
        foreach (var arg in (string[])["-c", "exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null", ChromiumPdf.Binary(),
                     .. ChromiumPdf.Flags, "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"])
            start.ArgumentList.Add(arg);
        return new ChromiumBrowser(Process.Start(start) ?? throw new InvalidOperationException("chromium did not start"), profile);
    }

    /// <summary>Loads <paramref name="html"/> in a new tab, waits for its load event and prints it to <paramref name="pdf"/>.</summary>
    public async Task PrintToPdf(string html, string pdf, CancellationToken cancellation)
    {
        var target = (await Send("Target.createTarget", new() { ["url"] = "about:blank" }, null, cancellation)).GetProperty("targetId").GetString()!;
        try
        {
            var session = (await Send("Target.attachToTarget", new() { ["targetId"] = target, ["flatten"] = true }, null, cancellation))
                .GetProperty("sessionId").GetString()!;
            await Send("Page.enable", new(), session, cancellation);
            var loaded = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            events[(session, "Page.loadEventFired")] = loaded;
            await Send("Page.navigate", new() { ["url"] = new Uri(Path.GetFullPath(html)).AbsoluteUri }, session, cancellation);
            await loaded.Task.WaitAsync(cancellation);
            var printed = await Send("Page.printToPDF", new()
            {
                // A4 from the page's own @page rule; the footer numbers the pages (the report's last lines say when and from what).
                ["preferCSSPageSize"] = true, ["paperWidth"] = 8.27, ["paperHeight"] = 11.69, ["printBackground"] = true,
                ["displayHeaderFooter"] = true, ["headerTemplate"] = "<span></span>",
                ["footerTemplate"] = "<div style=\"font-size:8px;width:100%;text-align:center;color:#666\">第 <span class=\"pageNumber\"></span> 页，共 <span class=\"totalPages\"></span> 页</div>",
                ["marginTop"] = 0.6, ["marginBottom"] = 0.7, ["marginLeft"] = 0.6, ["marginRight"] = 0.6,
            }, session, cancellation);
            await File.WriteAllBytesAsync(pdf, Convert.FromBase64String(printed.GetProperty("data").GetString()!), cancellation);
        }
        finally
        {
            if (!dead)
                await Send("Target.closeTarget", new() { ["targetId"] = target }, null, CancellationToken.None);
        }
    }

    private async Task<JsonElement> Send(string method, JsonObject parameters, string? session, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(dead, this);
        var id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        replies[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
            message["sessionId"] = session;
        await sendGate.WaitAsync(cancellation);
        try
        {
            await input.WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + "\0"), cancellation);
            await input.FlushAsync(cancellation);
        }
        finally
        {
            sendGate.Release();
        }
        return await reply.Task.WaitAsync(cancellation);
    }

    /// <summary>Reads NUL-terminated JSON messages: replies complete their request, events their waiter.</summary>
    private async Task ReadLoop()
    {
        var output = process.StandardOutput.BaseStream;
        var message = new MemoryStream();
        var buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != 0)
                        continue;
                    message.Write(buffer, start, i - start);
                    Dispatch(message.ToArray());
                    message.SetLength(0);
                    start = i + 1;
                }
                message.Write(buffer, start, read - start);
            }
        }
        finally
        {
            dead = true;
            string log;
            lock (errors)
                log = errors.ToString();
            var failure = new InvalidOperationException($"chromium closed its DevTools pipe: {log}");
            foreach (var reply in replies.Values)
                reply.TrySetException(failure);
            foreach (var waiter in events.Values)
                waiter.TrySetException(failure);
        }
    }

    private void Dispatch(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var id) && replies.TryRemove(id.GetInt32(), out var reply))
        {
            if (root.TryGetProperty("error", out var error))
                reply.TrySetException(new InvalidOperationException($"chromium: {error.GetRawText()}"));
            else
                reply.TrySetResult(root.GetProperty("result").Clone());
        }
        else if (root.TryGetProperty("method", out var method) && root.TryGetProperty("sessionId", out var session)
                 && events.TryRemove((session.GetString()!, method.GetString()!), out var waiter))
        {
            waiter.TrySetResult(root.TryGetProperty("params", out var p) ? p.Clone() : default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        dead = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }
        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A crashed Chromium may still be writing its profile; the temp folder is the system's to clean.
        }
    }
}
