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
    : WarehouseSetController<Region>(session, limits, r => r.Code)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<Region> options) => Single(r => r.Code == key, key, options);
}

// Measures are the catalog, the same for every region: no scope.
[Authorize(Policy = Roles.ReadAggregates)]
public sealed class MeasuresController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Measure>(session, limits, region: null)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<Measure> options) => Single(m => m.Id == key, key, options);
}

[Authorize(Policy = Roles.ReadAggregates)]
public sealed class MeasureValuesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<MeasureValue>(session, limits, v => v.RegionCode)
{
    protected override IQueryable<MeasureValue> Visible(IQueryable<MeasureValue> rows) => rows.MaskOutside(User);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class HotlineTicketsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<HotlineTicket>(session, limits, t => t.TownshipCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class EnforcementCasesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<EnforcementCase>(session, limits, c => c.TownshipCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class InstitutionReformsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<InstitutionReform>(session, limits, r => r.TownshipCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class DevolvedPowersController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<DevolvedPower>(session, limits, d => d.TownshipCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridSnapshotsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridSnapshot>(session, limits, g => g.CommunityCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridEventsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridEvent>(session, limits, e => e.CommunityCode);

[Authorize(Policy = Roles.ReadFacts)]
public sealed class StaffingController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Staffing>(session, limits, s => s.RegionCode);
