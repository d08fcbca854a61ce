using Analytics.Generator;
using Analytics.Etl.Load;

namespace Analytics.Tests.Impact;

/// <summary>
/// A generated warehouse with a known reform effect: 150,000 tickets over the street-level units, and reformed
/// townships' 12345 resolution probability raised by <see cref="Amount"/> with a <see cref="RampMonths"/>-month ramp
/// from their integration month. Generated and loaded once per test run.
/// </summary>
public static class PlantedWarehouse
{
    public const double Amount = 0.20;
    public const int RampMonths = 6;

    private static readonly Lazy<string> warehouse = new(Build);

    public static string Path => warehouse.Value;

    /// <summary>The planted effect <paramref name="e"/> months after the reform month.</summary>
    public static double Effect(int e) => e < 0 ? 0 : Amount * Math.Min(1.0, (e + 1.0) / RampMonths);

    private static string Build()
    {
        var root = Directory.CreateTempSubdirectory("analytics-planted-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        };
        var source = System.IO.Path.Combine(root, "source");
        GenerateCommand.Generate(source, tickets: 150_000, Seeds.Default, new PlantedEffect(Amount, RampMonths));
        var path = System.IO.Path.Combine(root, "warehouse.duckdb");
        var result = new Loader(new LoadOptions(source, path)).Run();
        if (!result.Published)
            throw new InvalidOperationException("the planted warehouse was not published");
        return path;
    }
}
