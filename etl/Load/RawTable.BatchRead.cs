namespace Analytics.Etl.Load;

internal sealed partial class RawTable
{
    /// <summary>
    /// The files of one chunk as read: the rows that could not even be split into columns, per file, and what is
    /// needed to read a CSV's text again (<see cref="Reread"/>) until the chunk is done.
    /// </summary>
    internal sealed class BatchRead(RawTable owner, IReadOnlyList<SourceFile> files) : IDisposable
    {
        public Dictionary<SourceFile, List<Unreadable>> Unreadable { get; } = files.ToDictionary(f => f, _ => new List<Unreadable>());
        public Dictionary<string, string> ReadPaths { get; } = files.ToDictionary(f => f.FullPath, f => f.RelativePath);
        internal HashSet<string> WithData { get; } = [];
        internal List<CsvPlan> Plans { get; } = [];

        /// <summary>Whether any file went to <c>batch</c> rather than straight into the checks.</summary>
        public bool InBatch => Unreadable.Keys.Any(f => !ReadDirectly.Contains(f.RelativePath));

        /// <summary>Files whose CSV rows went straight into the checks, not into <c>batch</c>.</summary>
        internal HashSet<string> ReadDirectly { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// A file with data rows after its header that gave no row, good or bad, has been misread: never silent.
        /// <paramref name="withRows"/>: the files that gave rows.
        /// </summary>
        public void EnsureRowsFrom(IReadOnlySet<string> withRows)
        {
            foreach (var file in WithData.Where(f => !withRows.Contains(f)).Order(StringComparer.Ordinal))
            {
                if (Unreadable.Single(u => u.Key.RelativePath == file).Value.Count == 0)
                    throw new LoadException(file, "has lines after its header but not one row could be read from them; nothing of it was loaded");
            }
        }

        /// <summary>Reads the text of files that went straight into the checks into <c>batch</c> after all: a row
        /// found to be a duplicate afterwards needs its source text in the quarantine.</summary>
        public void Reread(IEnumerable<string> relativePaths)
        {
            var wanted = relativePaths.Where(ReadDirectly.Contains).ToHashSet(StringComparer.Ordinal);
            if (wanted.Count == 0)
                return;
            foreach (var plan in Plans.Where(p => wanted.Contains(p.File.RelativePath)))
                owner.InsertCsv([plan], null);
            owner.DefineBatchFiles(this);
        }

        public void Dispose()
        {
            foreach (var plan in Plans.Where(p => p.Transcoded))
                File.Delete(plan.ReadPath);
        }
    }

    internal sealed record CsvPlan(SourceFile File, string[] Headers, Dictionary<string, int> Map, string ReadPath, bool Transcoded, bool HasData);
}
