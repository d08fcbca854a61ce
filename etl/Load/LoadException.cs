namespace Analytics.Etl.Load;

/// <summary>A file that cannot be read at all: the run fails and the warehouse stays as it was.</summary>
public sealed class LoadException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
