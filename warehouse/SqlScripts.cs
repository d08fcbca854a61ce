using System.Reflection;

namespace Analytics.Warehouse;

/// <summary>Warehouse SQL kept as .sql files in layers (meta, staging, core, marts), embedded and loaded by name.</summary>
public static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;

    /// <summary>The text of one script, e.g. <c>core/01_dim_region.sql</c>.</summary>
    public static string Get(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no embedded SQL script '{name}'");
        using var reader = new StreamReader(stream);
        // A mart that lists measures gets them from the catalog, where each is declared once.
        return Measures.MeasureSql.Render(reader.ReadToEnd());
    }

    /// <summary>All scripts of a layer in name order (files are numbered where order matters).</summary>
    public static IReadOnlyList<string> Layer(string layer) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(layer + "/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}
