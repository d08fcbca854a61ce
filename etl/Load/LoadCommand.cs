using Analytics.Warehouse;
using Spectre.Console;

namespace Analytics.Etl.Load;

/// <summary><c>load [--source DIR] [--warehouse PATH] [--response-hours H] [--rebuild]</c>: exit 0 only when the run committed.</summary>
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
                    var task = ctx.AddTask("reading", maxValue: 1);
                    var progress = new Progress<(string File, long Bytes, long Total)>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Bytes;
                        task.Description = Markup.Escape(p.File);
                    });
                    var r = new Loader(options, new SynchronousProgress<(string, long, long)>(((IProgress<(string, long, long)>)progress).Report)).Run();
                    task.Value = task.MaxValue;
                    task.Description = "done";
                    return r;
                });
        }
        catch (LoadException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]load failed, warehouse unchanged:[/] {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or InvalidOperationException or IOException)
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
