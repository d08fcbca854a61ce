using System.Text.RegularExpressions;
using Analytics.Warehouse;

namespace Analytics.UnitTests.Architecture;

/// <summary>
/// The engine's driver is named in warehouse/Storage only (docs/decisions/0008): every feature of the API and the
/// loader holds a DbConnection, so a second engine changes that folder and the SQL files, not the features.
/// </summary>
public sealed partial class EngineSeamTests
{
    [GeneratedRegex(@"\bDuckDB(Connection|Parameter|Exception|Appender|ErrorType|Tools|Command|DataReader)\b|\bDuckDB\.NET\b|DataProvider\.DuckDB|NativeConnection")]
    private static partial Regex DriverName();

    [Fact]
    public void Only_the_storage_folder_names_the_engine_driver_in_code()
    {
        var root = WarehousePaths.RepositoryRoot;
        var offenders = new[] { "api", "etl", "warehouse", "forecasting", "impact" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.StartsWith(Path.Combine(root, "warehouse", "Storage"), StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && DriverName().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(root, l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "the engine's driver is named outside warehouse/Storage:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_a_driver_name_where_it_is_used()
    {
        Assert.Matches(DriverName(), "using var c = new DuckDBConnection(path);");
        Assert.Matches(DriverName(), "catch (DuckDB.NET.Data.DuckDBException e)");
        Assert.DoesNotMatch(DriverName(), "using var c = Engine.Open(path); // DuckDB is the engine today");
    }
}
