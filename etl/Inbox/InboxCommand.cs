using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Load;
using Analytics.Warehouse;
using Analytics.Warehouse.Operations;

namespace Analytics.Etl.Inbox;

/// <summary>
/// <c>inbox --source DIR [--watch] [--interval S] [--settle S] [load options]</c>: the scheduled load. Loads the inbox
/// folder (the office drops each month's exports there) once, or with --watch whenever its files change. A file still
/// being copied (modified less than --settle seconds ago) is waited for. Every load that changed the warehouse or
/// failed is appended to the load journal (<see cref="LoadJournal"/>), which the API's metrics and data page read.
/// A failed or interrupted load changes nothing (the loader publishes whole generations only).
/// </summary>
internal static class InboxCommand
{
    public static int Run(string[] args)
    {
        LoadOptions options;
        TimeSpan interval, settle;
        try
        {
            options = LoadCommand.Parse(args);
            interval = TimeSpan.FromSeconds(Seconds(args, "--interval", 60));
            settle = TimeSpan.FromSeconds(Seconds(args, "--settle", 30));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"inbox: bad option: {e.Message}");
            return 2;
        }
        if (LoadCommand.Arg(args, "--source") is null)
        {
            Console.Error.WriteLine("inbox: --source DIR (the inbox folder) is required");
            return 2;
        }
        // SIGTERM (systemd stopping the unit) or Ctrl+C: the watch ends at once; a load in progress stops at its next
        // step, discards what it wrote (the warehouse stays as it was) and is journalled as stopped.
        using var stop = new CancellationTokenSource();
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var inbox = new InboxLoads(options, settle, Console.Out, stop.Token);
        if (!args.Contains("--watch"))
            return inbox.LoadWhenSettled() == LoadAttempt.Failed ? 1 : 0;
        inbox.Watch(interval);
        return 0;
    }

    private static double Seconds(string[] args, string name, double fallback)
    {
        if (LoadCommand.Arg(args, name) is not { } text)
            return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value : throw new FormatException($"{name} {text} is not a number of seconds");
    }
}

/// <summary>Runs loads of one inbox into one warehouse and journals them.</summary>
internal sealed class InboxLoads(LoadOptions options, TimeSpan settle, TextWriter log, CancellationToken stop = default)
{
    private readonly LoadJournal journal = new(options.Warehouse);

    /// <summary>Polls the inbox every <paramref name="interval"/>; loads when what it holds changed since the last attempt.</summary>
    public void Watch(TimeSpan interval)
    {
        log.WriteLine($"inbox: watching {options.Source} every {interval.TotalSeconds:0} s for {options.Warehouse}");
        string? attempted = null;
        while (!stop.IsCancellationRequested)
        {
            var now = Fingerprint();
            if (now != attempted && Settled())
            {
                var outcome = LoadOnce();
                // Retried at the next look when another load or a backup held the warehouse; otherwise only once the files change.
                if (outcome is not ("busy" or LoadAttempt.Stopped))
                    attempted = now;
            }
            stop.WaitHandle.WaitOne(interval);
        }
        log.WriteLine("inbox: stopped");
    }

    /// <summary>Waits until no file is being written, then loads once.</summary>
    public string LoadWhenSettled()
    {
        while (!Settled() && !stop.IsCancellationRequested)
        {
            log.WriteLine($"inbox: a file changed less than {settle.TotalSeconds:0} s ago; waiting for the copy to finish");
            stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Max(1, settle.TotalSeconds / 3)));
        }
        return LoadOnce();
    }

    /// <summary>
    /// One load: "committed", "unchanged", "failed", "busy" (another load or a backup holds the warehouse) or "stopped"
    /// (asked to stop before it published).
    /// </summary>
    public string LoadOnce()
    {
        if (stop.IsCancellationRequested)
            return LoadAttempt.Stopped;
        var generations = new Generations(options.Warehouse);
        try
        {
            Loader.LockWarehouse(generations).Dispose();
        }
        catch (LoadException)
        {
            log.WriteLine("inbox: another load or a backup is using the warehouse; trying again later");
            return "busy";
        }
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        log.WriteLine($"inbox: loading {options.Source} into {options.Warehouse}");
        try
        {
            // The loader reports each step; a stop asked for ends it there, and the loader discards its unpublished
            // generation. A step already running (one file's batch, one model script) finishes first.
            var result = new Loader(options, new StopAtNextStep(stop)).Run();
            var changed = result.Files.Where(f => f.Status != FileStatus.Unchanged).ToList();
            if (!result.Published)
            {
                log.WriteLine($"inbox: no file changed in {options.Source}; the warehouse is as it was");
                return "unchanged";
            }
            journal.Append(new LoadAttempt(started, DateTime.UtcNow, LoadAttempt.Committed, "inbox", options.Source,
                clock.Elapsed.TotalSeconds, changed.Sum(f => f.Read), changed.Sum(f => f.Loaded), changed.Sum(f => f.Rejected), changed.Count, null));
            Summary.Print(result);
            return LoadAttempt.Committed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            journal.Append(new LoadAttempt(started, DateTime.UtcNow, LoadAttempt.Stopped, "inbox", options.Source,
                clock.Elapsed.TotalSeconds, 0, 0, 0, 0,
                "the load was stopped (SIGTERM) before it finished; the warehouse is unchanged",
                new LoadProblem(LoadProblems.StoppedReason)));
            log.WriteLine("inbox: load stopped before it finished, warehouse unchanged");
            return LoadAttempt.Stopped;
        }
        catch (Exception e) when (e is LoadException or System.Data.Common.DbException or InvalidOperationException or IOException
                                      or UnauthorizedAccessException)
        {
            journal.Append(new LoadAttempt(started, DateTime.UtcNow, LoadAttempt.Failed, "inbox", options.Source,
                clock.Elapsed.TotalSeconds, 0, 0, 0, 0, e.Message, LoadProblems.Describe(e)));
            log.WriteLine($"inbox: load failed, warehouse unchanged: {e.Message}");
            return LoadAttempt.Failed;
        }
    }

    /// <summary>The loader's progress, used as the points where a load may stop.</summary>
    private sealed class StopAtNextStep(CancellationToken stop) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => stop.ThrowIfCancellationRequested();
    }

    private bool Settled() =>
        !Directory.Exists(options.Source)
        || Directory.EnumerateFiles(options.Source, "*", SearchOption.AllDirectories)
            .All(f => DateTime.UtcNow - File.GetLastWriteTimeUtc(f) >= settle);

    /// <summary>Names, sizes and times of the inbox's files: what the loader itself looks at to skip unchanged files.</summary>
    private string Fingerprint() =>
        !Directory.Exists(options.Source)
            ? ""
            : string.Join('\n', Directory.EnumerateFiles(options.Source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => new FileInfo(f)).Select(f => $"{f.FullName}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
}
