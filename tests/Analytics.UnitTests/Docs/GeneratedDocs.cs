using System.Text.RegularExpressions;
using Analytics.Warehouse;

namespace Analytics.UnitTests.Docs;

/// <summary>
/// Keeps docs/ in step with the code they describe. A test renders the text and compares it with the committed file;
/// with ANALYTICS_WRITE_DOCS=1 it writes the file instead, so a change to the code is followed by one command.
/// </summary>
internal static partial class GeneratedDocs
{
    public const string WriteVariable = "ANALYTICS_WRITE_DOCS";

    private static bool Writing => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    public static string PathOf(string relative) => Path.Combine(WarehousePaths.RepositoryRoot, relative);

    /// <summary>The whole file is generated: it must equal <paramref name="expected"/>.</summary>
    public static void AssertFile(string relative, string expected)
    {
        var path = PathOf(relative);
        if (Writing)
        {
            File.WriteAllText(path, expected);
            return;
        }
        var actual = File.Exists(path) ? Normalise(File.ReadAllText(path)) : "";
        if (actual != expected)
            Assert.Fail($"{relative} is not what the code generates ({FirstDifference(actual, expected)}). {Regenerate(relative)}");
    }

    /// <summary>
    /// Parts of a hand-written file are generated: the text between <c>&lt;!-- generated: NAME --&gt;</c> and
    /// <c>&lt;!-- end generated --&gt;</c> must equal <paramref name="blocks"/>[NAME], and every block must be there.
    /// </summary>
    public static void AssertBlocks(string relative, IReadOnlyDictionary<string, string> blocks)
    {
        var path = PathOf(relative);
        var text = Normalise(File.ReadAllText(path));
        var found = Block().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => m);
        var unknown = found.Keys.Except(blocks.Keys).ToList();
        Assert.True(unknown.Count == 0, $"{relative} has generated blocks the code no longer has: {string.Join(", ", unknown)}; remove them.");
        var missing = blocks.Keys.Except(found.Keys).ToList();
        Assert.True(missing.Count == 0,
            $"{relative} lacks generated blocks for {string.Join(", ", missing)}: add '<!-- generated: NAME -->' and "
            + $"'<!-- end generated -->' lines where each belongs, then {Regenerate(relative)}");
        var rewritten = Block().Replace(text, m => $"{m.Groups["open"].Value}{blocks[m.Groups["name"].Value]}{m.Groups["close"].Value}");
        if (Writing)
        {
            File.WriteAllText(path, rewritten);
            return;
        }
        var stale = found.Where(f => f.Value.Groups["body"].Value != blocks[f.Key]).Select(f => f.Key).ToList();
        if (stale.Count > 0)
            Assert.Fail($"{relative}: the generated blocks {string.Join(", ", stale)} are not what the code generates "
                + $"({FirstDifference(text, rewritten)}). {Regenerate(relative)}");
    }

    private static string Regenerate(string relative) =>
        $"Regenerate {relative} with: {WriteVariable}=1 dotnet test tests/Analytics.UnitTests --filter FullyQualifiedName~Analytics.UnitTests.Docs";

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string actual, string expected)
    {
        var a = actual.Split('\n');
        var e = expected.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, e.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end of file)";
            var y = i < e.Length ? e[i] : "(end of file)";
            if (x != y)
                return $"line {i + 1} is \"{x}\", the code gives \"{y}\"";
        }
        return "same lines";
    }

    [GeneratedRegex(@"(?<open><!-- generated: (?<name>[a-z_]+) -->\n)(?<body>.*?)(?<close><!-- end generated -->)", RegexOptions.Singleline)]
    private static partial Regex Block();
}
