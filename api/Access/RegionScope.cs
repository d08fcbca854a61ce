using System.Linq.Expressions;
using System.Security.Claims;
using Analytics.Api.Warehouse;
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

    /// <summary>The region, when it exists and the key may see it; null otherwise (callers answer 404 with <see cref="NotVisible"/>).</summary>
    public static async Task<Region?> Find(WarehouseSession session, ClaimsPrincipal user, string code, CancellationToken cancellation) =>
        await session.Table<Region>().Restrict(session.Db, user, x => x.Code)
            .Where(x => x.Code == code).FirstOrDefaultAsync(cancellation);

    /// <summary>One answer for a region that does not exist and one outside the key's region, so a key cannot probe the tree.</summary>
    public static string NotVisible(string code) => $"region {code} does not exist or is outside this key's region";
}
