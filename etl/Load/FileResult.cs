namespace Analytics.Etl.Load;

/// <summary>
/// What a load did with a file: read it for the first time, read a changed version, read it again because a file
/// it shares keys or regions with changed (Rejudged), left it as it was, removed its rows because it left the source
/// folder and --prune was given (Removed), or kept the rows of a file that left the folder (Kept).
/// </summary>
public enum FileStatus { Loaded, Replaced, Rejudged, Unchanged, Removed, Kept }

public sealed record FileResult(string File, string Family, string Encoding, FileStatus Status, long Read, long Loaded, long Rejected);

public sealed record QuarantineSample(string File, string? Sheet, long Row, string? Column, string Reason);

public sealed record Reconciliation(int Figures, int Matched, int Differ, int Missing, IReadOnlyList<string> Problems);

/// <summary>What a run did: per file, the first rejected rows, and the reconciliation with published figures.</summary>
public sealed record LoadResult(
    string RunId,
    bool Published,
    string Warehouse,
    IReadOnlyList<FileResult> Files,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<QuarantineSample> Rejected,
    Reconciliation? Reconciliation);

/// <summary>Where a load is: a step ("checking", "loading", "building") with what it is on and how far it got.</summary>
public sealed record LoadProgress(string Step, string Detail, double Done, double Total);
