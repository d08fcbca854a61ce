namespace Analytics.Api;

/// <summary>
/// The <c>--name value</c> options and <c>--flag</c> switches of the api's commands (report) and of the benches
/// (tools/Benches), read one way for all of them.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    /// <param name="args">The command's arguments after its name.</param>
    /// <param name="switches">Names that take no value (<c>no-pdf</c> for <c>--no-pdf</c>).</param>
    public CommandOptions(string[] args, params string[] switches)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            if (switches.Contains(name, StringComparer.Ordinal))
                flags.Add(name);
            else if (i + 1 < args.Length)
                values[name] = args[++i];
        }
    }

    public string? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string flag) => flags.Contains(flag);
}
