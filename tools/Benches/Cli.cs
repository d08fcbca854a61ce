namespace Analytics.Benches;

/// <summary>Dispatches the benches; each prints the figures BENCHMARKS.md quotes and asserts no time.</summary>
internal static class Cli
{
    // A Main of its own rather than top-level statements: the ETL and the API each have a top-level Program.
    public static async Task<int> Main(string[] args)
    {
        var rest = args.Length == 0 ? [] : args[1..];
        return args.FirstOrDefault() switch
        {
            "load" => LoadBench.Run(rest),
            "load-child" => LoadBench.RunChild(rest),
            "api" => await ApiBench.Run(rest),
            "forecast" => ForecastBench.Run(rest),
            "report" => await ReportBench.Run(rest),
            "impact" => await ImpactBench.Run(rest),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project tools/Benches -- <bench> [options]
              load      [--tickets 1000000,10000000] [--dir DIR] [--runs 3] [--months 12] [--steps full,month,disk] [--prepare-only]
                        full and monthly load speed, memory, bytes written and disk against DuckDB
              api       [--warehouse PATH] [--runs N] [--seconds S] [--during-load SOURCE] [--sql true]
                        request latency against the same SQL in DuckDB, throughput, throughput during a load
              forecast  [--warehouse PATH] [--sample N] [--province CODE] [--province-timing no] | --synthetic | --peer
                        forecast time for a province, hold-out accuracy and interval coverage;
                        --peer: against statsmodels ETS and Theta [--origins 2023-06,2023-12] [--sample 200]
              report    [--warehouse PATH] [--period 2024-Q3] [--regions A,B]
                        time to draw a chart, build a region's HTML report and print it to PDF
              impact    [--warehouse PATH] [--region CODE] [--measure ID] [--treatment integration] [--runs 3] | --synthetic
                        cold and warm time of one impact analysis (panel read, estimate), with the load average
            """);
        return 2;
    }
}
