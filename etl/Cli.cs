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
              generate  --out DIR [--tickets N] [--seed S]
                        write sample exports of every family at any scale (deterministic)
              bench     [--tickets 1000000,10000000] [--dir DIR] [--runs 3] [--months 12]
                        load speed and peak memory against DuckDB's own read_csv (see BENCHMARKS.md)
            """);
        return 0;
    }
}
