using System.Globalization;
using Analytics.Warehouse;
using Spectre.Console;

namespace Analytics.Etl.Load;

/// <summary><c>load [--source DIR] [--warehouse PATH] [--response-hours H] [--rebuild] [--prune] [--rehash] [--min-denominator N] [--retain-seconds S] [limits…]</c>: exit 0 only when the run committed.</summary>
internal static class LoadCommand
{
    public static int Run(string[] args)
    {
        LoadOptions options;
        try
        {
            options = Parse(args);
        }
        catch (FormatException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]load: bad option:[/] {e.Message}");
            return 2;
        }
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

    /// <summary>The load options of <paramref name="args"/> (also the scheduled load's); a bad value throws FormatException naming it.</summary>
    internal static LoadOptions Parse(string[] args)
    {
        var defaults = new LoadOptions("", "");
        return new LoadOptions(
            Path.GetFullPath(Arg(args, "--source") ?? WarehousePaths.DefaultSource),
            Path.GetFullPath(Arg(args, "--warehouse") ?? WarehousePaths.DefaultWarehouse))
        {
            Rebuild = args.Contains("--rebuild"),
            ResponseLimitHours = Number(args, "--response-hours", 24.0),
            CountBasicSatisfied = !args.Contains("--basic-satisfied-not-satisfied"),
            EarliestDate = Arg(args, "--earliest-date") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : defaults.EarliestDate,
            FutureDays = Number(args, "--future-days", defaults.FutureDays),
            MaxLineBytes = Number(args, "--max-line-bytes", defaults.MaxLineBytes),
            MaxFileLines = Number(args, "--max-file-lines", defaults.MaxFileLines),
            MaxFileBytes = Number(args, "--max-file-bytes", defaults.MaxFileBytes),
            MaxShownChars = Number(args, "--max-shown-chars", defaults.MaxShownChars),
            Prune = args.Contains("--prune"),
            Rehash = args.Contains("--rehash"),
            MinDenominator = Number(args, "--min-denominator", defaults.MinDenominator),
            RetainFor = TimeSpan.FromSeconds(Number(args, "--retain-seconds", defaults.RetainFor.TotalSeconds)),
        };
    }

    /// <summary>A numeric option, or its default; a value that is not a positive number names the option.</summary>
    private static T Number<T>(string[] args, string name, T fallback) where T : System.Numerics.INumber<T>
    {
        if (Arg(args, name) is not { } text)
            return fallback;
        return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > T.Zero
            ? value : throw new FormatException($"{name} {text} is not a positive number");
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
