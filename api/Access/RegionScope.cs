using System.Linq.Expressions;
using System.Security.Claims;
using Analytics.Api.Warehouse;
using LinqToDB;

namespace Analytics.Api.Access;

/// <summary>
/// A key's region: it sees that region and everything below it. Applied as an EXISTS on region_closure to every
/// query before $filter, $apply or $count, so aggregates and counts never include rows outside the subtree.
/// </summary>
public static class RegionScope
{
    /// <summary>The key's region, or null for a nationwide key.</summary>
    public static string? Of(ClaimsPrincipal user) => user.FindFirst(Roles.RegionClaim)?.Value;

    public static IQueryable<T> Restrict<T>(this IQueryable<T> query, IDataContext db, ClaimsPrincipal user,
        Expression<Func<T, string>> region)
    {
        if (Of(user) is not { } scope)
            return query;
        var closure = db.GetTable<RegionClosure>();
        // x => closure.Any(c => c.Code == region(x) && c.AncestorCode == scope)
        var row = region.Parameters[0];
        var c = Expression.Parameter(typeof(RegionClosure), "c");
        var matches = Expression.Lambda<Func<RegionClosure, bool>>(
            Expression.AndAlso(
                Expression.Equal(Expression.Property(c, nameof(RegionClosure.Code)), region.Body),
                Expression.Equal(Expression.Property(c, nameof(RegionClosure.AncestorCode)), Expression.Constant(scope))),
            c);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(RegionClosure)],
            Expression.Constant(closure), Expression.Quote(matches));
        return query.Where(Expression.Lambda<Func<T, bool>>(any, row));
    }

    /// <summary>Whether the key may see <paramref name="regionCode"/>.</summary>
    public static bool Allows(IDataContext db, ClaimsPrincipal user, string regionCode) =>
        Of(user) is not { } scope
        || db.GetTable<RegionClosure>().Any(c => c.Code == regionCode && c.AncestorCode == scope);
}
