using Spectre.Console;

namespace Analytics.Etl.Load;

/// <summary>What a person needs after a load: per file read/loaded/rejected, the first rejected rows, reconciliation.</summary>
internal static class Summary
{
    public static void Print(LoadResult result)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("file", "family", "encoding", "status", "read", "loaded", "rejected");
        foreach (var f in result.Files)
        {
            table.AddRow(Markup.Escape(f.File), f.Family, f.Encoding, f.Status.ToString().ToLowerInvariant(),
                f.Read.ToString("N0"), f.Loaded.ToString("N0"), f.Rejected > 0 ? $"[yellow]{f.Rejected:N0}[/]" : "0");
        }
        table.AddRow("[bold]total[/]", "", "", "", $"{result.Files.Sum(f => f.Read):N0}", $"{result.Files.Sum(f => f.Loaded):N0}",
            $"{result.Files.Sum(f => f.Rejected):N0}");
        AnsiConsole.Write(table);
        var kept = result.Files.Count(f => f.Status == FileStatus.Kept);
        if (kept > 0)
            AnsiConsole.MarkupLine($"[grey]{kept} file(s) are no longer in the source folder; their rows were kept (status kept). Load with --prune to remove them.[/]");
        foreach (var ignored in result.Ignored)
            AnsiConsole.MarkupLineInterpolated($"[grey]ignored (no family matches its name): {ignored}[/]");
        if (!result.Published)
        {
            AnsiConsole.MarkupLine("no file changed since the last load: the warehouse is as it was (use --rebuild to recompute).");
            return;
        }
        if (result.Rejected.Count > 0)
        {
            AnsiConsole.MarkupLine("[yellow]rejected rows[/] (all in table quarantine):");
            foreach (var q in result.Rejected)
            {
                var sheet = q.Sheet is null ? "" : $" sheet {q.Sheet}";
                AnsiConsole.MarkupLineInterpolated($"  {q.File}{sheet} row {q.Row}, column {q.Column ?? "-"}: {q.Reason}");
            }
        }
        if (result.Reconciliation is { } r)
        {
            var colour = r.Differ + r.Missing == 0 ? "green" : "yellow";
            AnsiConsole.MarkupLine($"[{colour}]reconciliation: {r.Figures} published figures, {r.Matched} match, {r.Differ} differ, {r.Missing} missing[/] (table reconciliation)");
            foreach (var p in r.Problems)
                AnsiConsole.MarkupLineInterpolated($"  {p}");
        }
        AnsiConsole.MarkupLineInterpolated($"committed run {result.RunId}: {result.Warehouse}");
    }
}
