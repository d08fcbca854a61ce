using System.Text.Json;

namespace Analytics.UnitTests.Notebooks;

/// <summary>What is committed in notebooks/: clean notebooks that say what they show, each with a C# twin outside any project.</summary>
public sealed class NotebookFileTests
{
    private static string NotebooksFolder => Path.Combine(Analytics.Warehouse.WarehousePaths.RepositoryRoot, "notebooks");

    private static IEnumerable<string> Notebooks() => Directory.GetFiles(NotebooksFolder, "*.ipynb");

    [Fact]
    public void Committed_notebooks_have_no_outputs_and_open_with_markdown()
    {
        Assert.NotEmpty(Notebooks());
        foreach (var path in Notebooks())
        {
            var name = Path.GetFileName(path);
            var cells = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cells").EnumerateArray().ToList();
            Assert.True(cells[0].GetProperty("cell_type").GetString() == "markdown", $"{name} should open by saying what it shows");
            foreach (var cell in cells.Where(c => c.GetProperty("cell_type").GetString() == "code"))
            {
                // Outputs would carry data from whichever warehouse ran last and make every diff noisy.
                Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{name} is committed with outputs: clear them (Kernel > Restart & Clear Output)");
                Assert.True(cell.GetProperty("execution_count").ValueKind == JsonValueKind.Null, $"{name} is committed with execution counts");
            }
        }
    }

    [Fact]
    public void Every_notebook_has_a_program_twin_that_no_project_compiles()
    {
        var notebooks = Notebooks().Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        var programs = Directory.GetFiles(NotebooksFolder, "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(notebooks, programs);

        // A project compiles every .cs under its folder: the file-based programs must not be under any project's.
        var root = Analytics.Warehouse.WarehousePaths.RepositoryRoot;
        var notebooksFolder = Path.GetFullPath(NotebooksFolder) + Path.DirectorySeparatorChar;
        foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories))
            Assert.False(notebooksFolder.StartsWith(Path.GetDirectoryName(Path.GetFullPath(project)) + Path.DirectorySeparatorChar, StringComparison.Ordinal),
                $"{project} would compile notebooks/*.cs");
    }
}
