namespace Analytics.Generator;

/// <summary>
/// One seeded Random per family so that changing one family's draws (or its row count) never shifts another's.
/// System.Random(int) uses the legacy algorithm whose sequence is stable across .NET versions.
/// </summary>
internal static class Seeds
{
    public const int Default = 20240630;

    public static Random For(int seed, string family, int part = 0)
    {
        // String.GetHashCode is randomised per process; a fixed FNV-1a hash keeps runs reproducible.
        var hash = 2166136261u;
        foreach (var ch in family)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return new Random(unchecked((int)hash ^ seed * 397 ^ part * 7919));
    }
}
