namespace Analytics.Etl.Load;

/// <summary>
/// The files of a source folder. A symbolic link that leads outside the folder is refused by name before anything
/// reads it: a link could otherwise make a load read (and an error message print) any file the user can read.
/// </summary>
internal static class SourceFolder
{
    public static List<string> Files(string source)
    {
        var root = RealPath(source);
        var files = new List<string>();
        var folders = new Stack<string>([source]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is null)
                {
                    if (entry is DirectoryInfo)
                        folders.Push(entry.FullName);
                    else
                        files.Add(entry.FullName);
                    continue;
                }
                var relative = Path.GetRelativePath(source, entry.FullName).Replace('\\', '/');
                string target;
                try
                {
                    target = RealPath(entry.FullName);
                }
                catch (IOException)
                {
                    throw new LoadException(relative, "is a symbolic link that cannot be followed (a loop?); refused, nothing was read");
                }
                if (target != root && !target.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new LoadException(relative, "is a symbolic link to a place outside the source folder; refused, nothing was read (copy the file into the folder instead)");
                // A link to a folder inside: its files are read where they are, once, and a link loop cannot recurse.
                if (!Directory.Exists(target))
                    files.Add(entry.FullName);
            }
        }
        return files;
    }

    /// <summary>The path with every symbolic link in it resolved, like realpath(3).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = RealPath(target.FullName); // the target's own folders may be links too
        }
        return current;
    }
}
