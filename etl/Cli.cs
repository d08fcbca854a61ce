namespace Analytics.Etl;

/// <summary>Dispatches the etl commands: load (the default), generate, bench.</summary>
internal static class Cli
{
    public static int Run(string[] args)
    {
        var command = args.Length == 0 ? "load" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        return command switch
        {
            "load" => Load.LoadCommand.Run(rest),
            "generate" => Generate.GenerateCommand.Run(rest),
            "bench" => Bench.BenchCommand.Run(rest),
            "bench-child" => Bench.BenchCommand.RunChild(rest),
            "help" or "--help" or "-h" => Usage(),
            _ => Unknown(command),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'");
        Usage();
        return 2;
    }

    private static int Usage()
    {
        Console.WriteLine("""
            usage: dotnet run --project etl -- <command> [options]
              load      [--source DIR] [--warehouse PATH] [--rebuild] [--response-hours H] [--basic-satisfied-not-satisfied]
                        load exports into the DuckDB warehouse (default: data-samples/ into data/warehouse.duckdb,
                        or ANALYTICS_WAREHOUSE); exit code 0 only when the run committed
                        [--earliest-date 2000-01-01] [--future-days 31]: dates outside are bad rows
                        [--max-line-bytes N] [--max-file-lines N] [--max-file-bytes N]: a file over a limit fails
                        [--max-shown-chars N]: source text kept in quarantine and messages is cut to this
              generate  --out DIR [--tickets N] [--seed S]
                        write sample exports of every family at any scale (deterministic)
              bench     [--tickets 1000000,10000000] [--dir DIR]
                        load speed and peak memory against DuckDB's own read_csv (see BENCHMARKS.md)
            """);
        return 0;
    }
}
