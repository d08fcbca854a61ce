using System.Security.Claims;

namespace Analytics.Api.Access;

/// <summary>
/// What a key may read. Deny by default: every endpoint needs an authenticated key, and each feature names the roles
/// it admits. A key's region scope limits all of them to the key's subtree.
/// </summary>
public static class Roles
{
    /// <summary>Dashboards, regions, measures and measure values: aggregates only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Everything a viewer reads plus the fact sets (one row per ticket, case, grid...).</summary>
    public const string Analyst = "analyst";

    /// <summary>Everything; the ANALYTICS_ADMIN_KEY key has this role and no region limit.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Admin];

    /// <summary>Policy for aggregate reads (measures, regions, dashboards).</summary>
    public const string ReadAggregates = "read-aggregates";

    /// <summary>Policy for row-level fact sets.</summary>
    public const string ReadFacts = "read-facts";

    /// <summary>The roles that read aggregates, and the fewer that read row-level facts: the one statement of both rules.</summary>
    public static IReadOnlyList<string> AggregateReaders { get; } = [Viewer, Analyst, Admin];

    public static IReadOnlyList<string> FactReaders { get; } = [Analyst, Admin];

    /// <summary>Whether the key may read the fact sets (what its service document and $metadata list).</summary>
    public static bool ReadsFacts(ClaimsPrincipal user) => FactReaders.Any(role => user.HasClaim(RoleClaim, role));

    public const string RoleClaim = "role";
    public const string RegionClaim = "region";
    public const string KeyIdClaim = "key_id";

    /// <summary>Present when a regional key may see figures computed from outside its region (parent value, sibling rank).</summary>
    public const string CompareOutsideClaim = "compare_outside";
}
