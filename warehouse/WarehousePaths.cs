namespace Analytics.Warehouse;

/// <summary>Where the warehouse and the sample exports live, the same for every program in the repository.</summary>
public static class WarehousePaths
{
    public const string EnvironmentVariable = "ANALYTICS_WAREHOUSE";

    /// <summary>The repository root (the folder holding Analytics.sln), or the current folder outside a checkout.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary><c>ANALYTICS_WAREHOUSE</c> if set, else <c>data/warehouse.duckdb</c> under the repository root.</summary>
    public static string DefaultWarehouse =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : Path.Combine(RepositoryRoot, "data", "warehouse.duckdb");

    public static string DefaultSource => Path.Combine(RepositoryRoot, "data-samples");

    private static string FindRoot()
    {
        // dotnet run keeps the caller's folder, tests run from bin/: walk up from both.
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
                    return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
