using Analytics.Generator;

namespace Analytics.Tests.Generate;

/// <summary>One default generator run shared by the generator tests (a run takes a few seconds).</summary>
public sealed class GeneratedSet : IDisposable
{
    public GeneratedSet()
    {
        Dir = Path.Combine(Path.GetTempPath(), "gen-default-" + Guid.NewGuid().ToString("N"));
        GenerateCommand.Generate(Dir, tickets: null, Seeds.Default);
    }

    public string Dir { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
