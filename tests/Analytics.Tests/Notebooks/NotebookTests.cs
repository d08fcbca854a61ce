using Analytics.Tests.Etl;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// Every notebook (nbconvert --execute, so a failing cell fails) and every C# program (dotnet run) in notebooks/ runs
/// against the API serving the data-samples warehouse, and the CSV it writes is checked against the warehouse
/// queried here, directly.
/// </summary>
[Collection(SampleWarehouseCollection.Name)]
public sealed class NotebookTests(SampleWarehouse samples, NotebookFeed feed) : IClassFixture<NotebookFeed>
{
    public static TheoryData<string> Notebooks => Names("*.ipynb");
    public static TheoryData<string> Programs => Names("*.cs");

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_headless_against_the_sample_feed_and_writes_its_csv(string name)
    {
        var jupyter = NotebookFeed.Jupyter();
        var output = Directory.CreateTempSubdirectory("analytics-notebook-").FullName;
        try
        {
            var (exitCode, log) = NotebookFeed.Run(jupyter,
                ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", output,
                 Path.Combine(NotebookFeed.NotebooksFolder, name + ".ipynb")],
                NotebookFeed.NotebooksFolder, Environment(output));
            Assert.True(exitCode == 0, $"{name}.ipynb failed (exit code {exitCode}):\n{log}");
            NotebookArtifacts.Check(name, output, samples);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_runs_with_dotnet_run_and_writes_the_same_csv(string name)
    {
        var output = Directory.CreateTempSubdirectory("analytics-program-").FullName;
        try
        {
            // From the repository root, as the README says: the root Directory.Build.props applies to the program.
            var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var (exitCode, log) = NotebookFeed.Run(dotnet, ["run", $"notebooks/{name}.cs"],
                Analytics.Warehouse.WarehousePaths.RepositoryRoot, Environment(output));
            Assert.True(exitCode == 0, $"dotnet run notebooks/{name}.cs failed (exit code {exitCode}):\n{log}");
            NotebookArtifacts.Check(name, output, samples);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private Dictionary<string, string?> Environment(string output) => new()
    {
        ["ANALYTICS_ODATA_URL"] = feed.Start(samples.Warehouse),
        ["ANALYTICS_API_KEY"] = NotebookFeed.DemoKey,
        ["ANALYTICS_OUTPUT_DIR"] = output,
        ["ANALYTICS_COUNTY"] = null,
        // debugpy's warning about frozen modules, printed by every kernel start, is noise in a failure message.
        ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
    };

    private static TheoryData<string> Names(string pattern) =>
        new(Directory.GetFiles(NotebookFeed.NotebooksFolder, pattern).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);
}
