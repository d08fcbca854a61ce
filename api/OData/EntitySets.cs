using System.Linq.Expressions;
using System.Reflection;
using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Data;

namespace Analytics.Api.OData;

/// <summary>
/// The entity sets of the feed, listed once: the EDM model (<see cref="EdmModelFactory"/>), the routes and the role
/// each set needs (<see cref="EntitySetRoutes"/>) and the sets a key sees in the service document come from here.
/// A new set is one line here plus its table class in Warehouse/Tables.cs.
/// </summary>
public static class EntitySets
{
    public static IReadOnlyList<EntitySet> All { get; } =
    [
        new EntitySet<Region>("Regions", [nameof(Region.Code)], r => r.Code),
        // Measures are the catalog, the same for every region: no scope.
        new EntitySet<MeasureRow>("Measures", [nameof(MeasureRow.Id)], region: null) { TypeName = "Measure" },
        new EntitySet<MeasureValue>("MeasureValues",
            [nameof(MeasureValue.RegionCode), nameof(MeasureValue.Period), nameof(MeasureValue.MeasureId)],
            v => v.RegionCode, hide: (rows, user) => rows.MaskOutside(user)),
        new EntitySet<HotlineTicket>("HotlineTickets", [nameof(HotlineTicket.TicketId)], t => t.TownshipCode, facts: true),
        new EntitySet<EnforcementCase>("EnforcementCases", [nameof(EnforcementCase.CaseId)], c => c.TownshipCode, facts: true),
        new EntitySet<InstitutionReform>("InstitutionReforms", [nameof(InstitutionReform.TownshipCode)], r => r.TownshipCode, facts: true),
        new EntitySet<DevolvedPower>("DevolvedPowers", [nameof(DevolvedPower.TownshipCode), nameof(DevolvedPower.ItemCode)],
            d => d.TownshipCode, facts: true),
        new EntitySet<GridSnapshot>("GridSnapshots", [nameof(GridSnapshot.GridCode), nameof(GridSnapshot.SnapshotDate)],
            g => g.CommunityCode, facts: true),
        new EntitySet<GridEvent>("GridEvents", [nameof(GridEvent.EventId)], e => e.CommunityCode, facts: true),
        new EntitySet<Staffing>("Staffing", [nameof(Staffing.UnitCode), nameof(Staffing.PostKind), nameof(Staffing.Year)],
            s => s.RegionCode, facts: true),
    ];

    public static EntitySet<T> Of<T>() where T : class =>
        All.OfType<EntitySet<T>>().SingleOrDefault() ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity set");

    /// <summary>The sets <paramref name="user"/> may read: what its service document and $metadata list.</summary>
    public static IEnumerable<EntitySet> VisibleTo(ClaimsPrincipal user) => All.Where(s => !s.Facts || Roles.ReadsFacts(user));
}

/// <summary>An entity set: its name, row type, key properties, and whether it holds row-level facts (analyst keys only).</summary>
public abstract class EntitySet(string name, Type type, IReadOnlyList<string> key, bool facts)
{
    public string Name { get; } = name;
    public Type Type { get; } = type;
    public bool Facts { get; } = facts;

    /// <summary>The entity type's name in $metadata (the row class's name unless it differs).</summary>
    public string TypeName { get; init; } = type.Name;

    public IReadOnlyList<PropertyInfo> Key { get; } = key
        .Select(k => type.GetProperty(k) ?? throw new InvalidOperationException($"{type.Name} has no key property {k}"))
        .ToList();

    /// <summary>The authorization policy of every route of the set.</summary>
    public string Policy => Facts ? Roles.ReadFacts : Roles.ReadAggregates;

    /// <summary>The get-by-key route: <c>Set({key})</c>, or one named part per property for a composite key.</summary>
    public string KeyTemplate => Key.Count == 1
        ? $"{Name}({{key}})"
        : $"{Name}({string.Join(',', Key.Select(p => $"{p.Name}={{key{p.Name}}}"))})";
}

public sealed class EntitySet<T>(string name, IReadOnlyList<string> key, Expression<Func<T, string>>? region,
    Func<IQueryable<T>, ClaimsPrincipal, IQueryable<T>>? hide = null, bool facts = false)
    : EntitySet(name, typeof(T), key, facts)
    where T : class
{
    /// <summary>
    /// The rows (of <paramref name="source"/>, the whole table without one) <paramref name="user"/> may see: those whose <c>region</c> column lies in the key's subtree (all for a
    /// set without one), less what the set hides (measure values: comparisons with regions outside the scope).
    /// </summary>
    public IQueryable<T> Rows(WarehouseSession session, ClaimsPrincipal user, IQueryable<T>? source = null)
    {
        source ??= session.Table<T>();
        var rows = region is null ? source : source.Restrict(session.Db, user, region);
        return hide is null ? rows : hide(rows, user);
    }

    /// <summary><c>row => row.K1 == v1 &amp;&amp; row.K2 == v2</c> for the key values of a parsed key segment.</summary>
    public Expression<Func<T, bool>> Matching(IReadOnlyDictionary<string, object?> values)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? match = null;
        foreach (var property in Key)
        {
            if (!values.TryGetValue(property.Name, out var value))
                throw new Microsoft.OData.ODataException($"{Name}: the key needs {property.Name}.");
            var equal = Expression.Equal(Expression.Property(row, property), Expression.Constant(KeyValue(value, property.PropertyType), property.PropertyType));
            match = match is null ? equal : Expression.AndAlso(match, equal);
        }
        return Expression.Lambda<Func<T, bool>>(match!, row);
    }

    private static object? KeyValue(object? value, Type type) => value switch
    {
        Microsoft.OData.Edm.Date d when type == typeof(DateOnly) => new DateOnly(d.Year, d.Month, d.Day),
        null => null,
        _ when type.IsInstanceOfType(value) => value,
        _ => Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, System.Globalization.CultureInfo.InvariantCulture),
    };
}
