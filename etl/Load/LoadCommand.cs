using Analytics.Warehouse;
using Spectre.Console;

namespace Analytics.Etl.Load;

/// <summary><c>load [--source DIR] [--warehouse PATH] [--response-hours H] [--rebuild] [--prune] [--rehash] [--min-denominator N] [--retain-seconds S]</c>: exit 0 only when the run committed.</summary>
internal static class LoadCommand
{
    public static int Run(string[] args)
    {
        var options = new LoadOptions(
            Path.GetFullPath(Arg(args, "--source") ?? WarehousePaths.DefaultSource),
            Path.GetFullPath(Arg(args, "--warehouse") ?? WarehousePaths.DefaultWarehouse))
        {
            Rebuild = args.Contains("--rebuild"),
            ResponseLimitHours = Arg(args, "--response-hours") is { } h ? double.Parse(h, System.Globalization.CultureInfo.InvariantCulture) : 24,
            CountBasicSatisfied = !args.Contains("--basic-satisfied-not-satisfied"),
            Prune = args.Contains("--prune"),
            Rehash = args.Contains("--rehash"),
            MinDenominator = Arg(args, "--min-denominator") is { } d ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 30,
            RetainFor = Arg(args, "--retain-seconds") is { } r ? TimeSpan.FromSeconds(double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromMinutes(2),
        };
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = 200; // logs and CI: don't wrap file names at 80 columns
        AnsiConsole.MarkupLineInterpolated($"[bold]load[/] {options.Source} → {options.Warehouse}");
        LoadResult result;
        try
        {
            result = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    // One bar per step: checking files (bytes), loading families, building the model (scripts).
                    var tasks = new Dictionary<string, ProgressTask>();
                    var r = new Loader(options, new SynchronousProgress<LoadProgress>(p =>
                    {
                        foreach (var earlier in tasks.Values.Where(t => !t.IsFinished && t.Description.Split(' ')[0] != p.Step))
                            earlier.Value = earlier.MaxValue;
                        if (!tasks.TryGetValue(p.Step, out var task))
                            tasks[p.Step] = task = ctx.AddTask(p.Step, maxValue: Math.Max(1, p.Total));
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"{p.Step} {p.Detail}");
                    })).Run();
                    foreach (var task in tasks.Values)
                        task.Value = task.MaxValue;
                    return r;
                });
        }
        catch (Exception e) when (e is LoadException or DuckDB.NET.Data.DuckDBException or InvalidOperationException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]load failed, warehouse unchanged:[/] {e.Message}");
            return 1;
        }
        Summary.Print(result);
        return 0;
    }

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Reports on the loader's thread: Progress&lt;T&gt; would post to the thread pool and lag behind.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
