using System.Linq.Expressions;
using System.Security.Claims;
using Analytics.Api.Data;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Access;

/// <summary>
/// A key's region: it sees that region and everything below it. Applied as an IN over region_closure to every
/// query before $filter, $apply or $count, so aggregates and counts never include rows outside the subtree.
/// </summary>
public static class RegionScope
{
    /// <summary>The key's region, or null for a nationwide key.</summary>
    public static string? Of(ClaimsPrincipal user) => user.FindFirst(Roles.RegionClaim)?.Value;

    public static IQueryable<T> Restrict<T>(this IQueryable<T> query, IDataContext db, ClaimsPrincipal user,
        Expression<Func<T, string>> region) =>
        Of(user) is { } scope ? query.Within(db, scope, region) : query;

    /// <summary>The rows whose region is <paramref name="ancestor"/> or below it: the key's scope, or a comparison's <c>within</c>.</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> query, IDataContext db, string ancestor, Expression<Func<T, string>> region)
    {
        // x => subtree.Contains(region(x)), i.e. region IN (SELECT code FROM region_closure WHERE ancestor_code = ancestor).
        // Not a correlated EXISTS: DuckDB runs that as a duplicate-eliminating join over every fact row, which made a
        // city key's $apply over 10 million tickets several times slower than a nationwide one; the uncorrelated IN
        // is a semi join against the few hundred codes of the subtree.
        var subtree = db.GetTable<RegionClosure>().Where(c => c.AncestorCode == ancestor).Select(c => c.Code);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(string)],
            subtree.Expression, region.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(contains, region.Parameters[0]));
    }

    /// <summary>Whether the key may see figures computed from outside its region: nationwide keys and keys made with --compare-outside.</summary>
    public static bool SeesOutside(ClaimsPrincipal user) => Of(user) is null || user.HasClaim(Roles.CompareOutsideClaim, "true");

    /// <summary>
    /// Measure values as this key may see them: for the key's own region, whose parent lies outside its scope, the
    /// fields computed from outside (the parent's value, the difference from it, the rank and count among siblings)
    /// are null, since with the region's own value they give away the parent's and siblings' figures. Done in the
    /// SQL projection, so $filter, $orderby and $apply over those fields see the nulls too. Rows are expected to be
    /// within the key's scope already (<see cref="Restrict{T}"/>); regions below the key's region keep their
    /// comparisons, which stay inside the scope. Every reader of measure_values (OData, dashboards, charts,
    /// reports) goes through here.
    /// </summary>
    public static IQueryable<MeasureValue> MaskOutside(this IQueryable<MeasureValue> values, ClaimsPrincipal user)
    {
        if (SeesOutside(user) || Of(user) is not { } root)
            return values;
        return values.Select(v => new MeasureValue
        {
            RegionCode = v.RegionCode,
            RegionName = v.RegionName,
            RegionLevel = v.RegionLevel,
            ParentCode = v.ParentCode,
            Period = v.Period,
            PeriodGrain = v.PeriodGrain,
            MeasureId = v.MeasureId,
            Value = v.Value,
            Numerator = v.Numerator,
            Denominator = v.Denominator,
            SiblingRank = v.RegionCode == root ? null : v.SiblingRank,
            SiblingCount = v.RegionCode == root ? null : v.SiblingCount,
            ParentValue = v.RegionCode == root ? null : v.ParentValue,
            DifferenceFromParent = v.RegionCode == root ? null : v.DifferenceFromParent,
            PreviousValue = v.PreviousValue,
            Change = v.Change,
            Low = v.Low,
            High = v.High,
            Reliable = v.Reliable,
        });
    }

    /// <summary>The region, when it exists and the key may see it; null otherwise (callers answer 404 with <see cref="NotVisible"/>).</summary>
    public static async Task<Region?> Find(WarehouseSession session, ClaimsPrincipal user, string code, CancellationToken cancellation) =>
        await session.Table<Region>().Restrict(session.Db, user, x => x.Code)
            .Where(x => x.Code == code).FirstOrDefaultAsync(cancellation);

    /// <summary>One answer for a region that does not exist and one outside the key's region, so a key cannot probe the tree.</summary>
    public static string NotVisible(string code) => $"region {code} does not exist or is outside this key's region";
}
