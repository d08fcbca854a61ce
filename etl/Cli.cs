namespace Analytics.Etl;

/// <summary>Dispatches the etl commands: load, generate, bench.</summary>
internal static class Cli
{
    public static Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 ? "load" : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        return command switch
        {
            "load" => Task.FromResult(Load.LoadCommand.Run(rest)),
            "help" or "--help" or "-h" => Task.FromResult(Usage()),
            "generate" => Task.FromResult(Generate.GenerateCommand.Run(rest)),
            _ => Task.FromResult(Unknown(command)),
        };
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'");
        return Usage() + 2;
    }

    private static int Usage()
    {
        Console.WriteLine("""
            usage: dotnet run --project etl -- <command> [options]
              load      [--source DIR] [--warehouse PATH]   load exports into the DuckDB warehouse
              generate  --out DIR [--tickets N] [--seed S]  write sample exports at any scale
              bench     [--tickets N]                        measure load speed against DuckDB's read_csv
            """);
        return 0;
    }
}
