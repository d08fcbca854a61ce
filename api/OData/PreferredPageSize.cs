using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Analytics.Api.OData;

/// <summary>
/// The client's <c>Prefer: odata.maxpagesize=N</c> (OData 4.01 §8.2.8.3; 4.0 clients may send <c>maxpagesize</c>),
/// capped by the server's maximum. Power Query and client libraries send it to get smaller pages.
/// </summary>
public static class PreferredPageSize
{
    /// <summary>The page size to use, and whether the client's preference decided it (then it is acknowledged).</summary>
    public static (int Size, bool Preferred) Of(StringValues prefer, int serverMaximum)
    {
        foreach (var header in prefer)
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2
                    && (parts[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("maxpagesize", StringComparison.OrdinalIgnoreCase))
                    && int.TryParse(parts[1].Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    && size > 0)
                    return (Math.Min(size, serverMaximum), true);
            }
        }
        return (serverMaximum, false);
    }
}
