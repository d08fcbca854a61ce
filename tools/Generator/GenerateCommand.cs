using System.Diagnostics;
using System.Globalization;

namespace Analytics.Generator;

/// <summary>
/// `--out DIR [--tickets N] [--seed S]`: writes every source family. Without --tickets it writes exactly
/// the committed data-samples set; with it, tickets (and cases, about one per 20 tickets) scale and stream.
/// </summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        string? outDir = null;
        long? tickets = null;
        var seed = Seeds.Default;
        string? plant = null, ramp = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null: outDir = value; i++; break;
                case "--tickets" when value is not null: tickets = long.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--seed" when value is not null: seed = int.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--plant-effect" when value is not null: plant = value; i++; break;
                case "--plant-ramp" when value is not null: ramp = value; i++; break;
                default:
                    Console.Error.WriteLine($"generator: unexpected argument '{args[i]}'");
                    Console.Error.WriteLine("usage: dotnet run --project tools/Generator -- --out DIR [--tickets N] [--seed S] [--plant-effect AMOUNT [--plant-ramp MONTHS]]");
                    return 2;
            }
        }
        if (outDir is null)
        {
            Console.Error.WriteLine("generator: --out DIR is required");
            return 2;
        }

        PlantedEffect? effect;
        try
        {
            effect = PlantedEffect.Parse(plant, ramp);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"generator: {e.Message}");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        var log = Generate(outDir, tickets, seed, effect);
        var command = "dotnet run --project tools/Generator -- --out " + outDir
            + (tickets is { } t ? $" --tickets {t}" : "") + (seed != Seeds.Default ? $" --seed {seed}" : "")
            + (effect is { } p ? string.Create(CultureInfo.InvariantCulture, $" --plant-effect {p.Amount} --plant-ramp {p.RampMonths}") : "");
        ReadmeWriter.Write(log, command, effect);
        Console.WriteLine($"wrote {log.Rows.Count} files to {outDir} in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var (family, files, rows) in log.Families())
        {
            Console.WriteLine($"  {family,-28} {files,4} files {rows,12:N0} rows");
        }
        Console.WriteLine($"  planted defects: {log.Defects.Count} (listed in README.md)");
        return 0;
    }

    /// <summary>
    /// Writes all families into <paramref name="outDir"/>; the returned log lists files, rows and defects. With
    /// <paramref name="effect"/>, reformed townships' resolution rises after their reform (see <see cref="PlantedEffect"/>).
    /// </summary>
    public static WriteLog Generate(string outDir, long? tickets, int seed, PlantedEffect? effect = null)
    {
        Directory.CreateDirectory(outDir);
        var log = new WriteLog(outDir);
        var tree = SampleRegions.Build(seed);
        RegionsWriter.Write(tree, log);
        var reforms = ReformPlan.Build(tree, seed);
        InstitutionsWriter.Write(tree, reforms, log);
        DevolvedPowersWriter.Write(tree, seed, log);
        var baojiGrids = GridsWriter.Write(tree, seed, log);
        GridEventsWriter.Write(baojiGrids, seed, log);
        StaffingWriter.Write(tree, seed, log);

        var ticketCount = tickets ?? HotlineWriter.DefaultTickets;
        var units = CaseUnits.Pick(tree, ticketCount, seed);
        // The committed sample set gives 宝鸡's and 平谷's townships a real volume in every month; a --tickets run
        // keeps its exact total.
        var dense = tickets is null ? CaseUnits.Dense(tree, seed) : [];
        HotlineWriter.Write(units, dense, ticketCount, seed, log, effect is null ? null : (effect, PlantedEffect.ReformMonths(reforms)));
        EnforcementWriter.Write(units, tickets is null ? EnforcementWriter.DefaultCases : Math.Max(12, ticketCount / 20), seed, log);
        FiguresWriter.Write(tree, log);
        return log;
    }
}
