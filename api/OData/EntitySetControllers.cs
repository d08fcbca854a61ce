using Analytics.Api.Access;
using Analytics.Api.Warehouse;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;

namespace Analytics.Api.OData;

// One controller per entity set (OData's routing convention: controller name = entity set name). Each names the
// policy it needs and the region column its key scope applies to.

[Authorize(Policy = Roles.ReadAggregates)]
public sealed class RegionsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Region>(session, limits)
{
    protected override IQueryable<Region> Rows() => Session.Table<Region>().Restrict(Session.Db, User, r => r.Code);

    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<Region> options) => Single(r => r.Code == key, key, options);
}

[Authorize(Policy = Roles.ReadAggregates)]
public sealed class MeasuresController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Measure>(session, limits)
{
    protected override IQueryable<Measure> Rows() => Session.Table<Measure>();

    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<Measure> options) => Single(m => m.Id == key, key, options);
}

[Authorize(Policy = Roles.ReadAggregates)]
public sealed class MeasureValuesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<MeasureValue>(session, limits)
{
    protected override IQueryable<MeasureValue> Rows() =>
        Session.Table<MeasureValue>().Restrict(Session.Db, User, v => v.RegionCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class HotlineTicketsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<HotlineTicket>(session, limits)
{
    protected override IQueryable<HotlineTicket> Rows() =>
        Session.Table<HotlineTicket>().Restrict(Session.Db, User, t => t.TownshipCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class EnforcementCasesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<EnforcementCase>(session, limits)
{
    protected override IQueryable<EnforcementCase> Rows() =>
        Session.Table<EnforcementCase>().Restrict(Session.Db, User, c => c.TownshipCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class InstitutionReformsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<InstitutionReform>(session, limits)
{
    protected override IQueryable<InstitutionReform> Rows() =>
        Session.Table<InstitutionReform>().Restrict(Session.Db, User, r => r.TownshipCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class DevolvedPowersController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<DevolvedPower>(session, limits)
{
    protected override IQueryable<DevolvedPower> Rows() =>
        Session.Table<DevolvedPower>().Restrict(Session.Db, User, d => d.TownshipCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridSnapshotsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridSnapshot>(session, limits)
{
    protected override IQueryable<GridSnapshot> Rows() =>
        Session.Table<GridSnapshot>().Restrict(Session.Db, User, g => g.CommunityCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridEventsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridEvent>(session, limits)
{
    protected override IQueryable<GridEvent> Rows() =>
        Session.Table<GridEvent>().Restrict(Session.Db, User, e => e.CommunityCode);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class StaffingController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Staffing>(session, limits)
{
    protected override IQueryable<Staffing> Rows() =>
        Session.Table<Staffing>().Restrict(Session.Db, User, s => s.RegionCode);
}
