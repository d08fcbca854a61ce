using Analytics.Api.Access;
using Analytics.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;

namespace Analytics.Api.OData;

// One controller per entity set (OData's routing convention: controller name = entity set name). Each names the
// policy it needs and the region column its key scope applies to, and answers get-by-key for its declared key
// (composite keys: one parameter per key property, named key + property).

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
    : WarehouseSetController<MeasureRow>(session, limits, region: null)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<MeasureRow> options) => Single(m => m.Id == key, key, options);
}

[Authorize(Policy = Roles.ReadAggregates)]
public sealed class MeasureValuesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<MeasureValue>(session, limits, v => v.RegionCode)
{
    protected override IQueryable<MeasureValue> Visible(IQueryable<MeasureValue> rows) => rows.MaskOutside(User);

    [HttpGet("odata/MeasureValues(RegionCode={keyRegionCode},Period={keyPeriod},MeasureId={keyMeasureId})")]
    public IActionResult Get(string keyRegionCode, string keyPeriod, string keyMeasureId, ODataQueryOptions<MeasureValue> options) =>
        Single(v => v.RegionCode == keyRegionCode && v.Period == keyPeriod && v.MeasureId == keyMeasureId,
            $"{keyRegionCode},{keyPeriod},{keyMeasureId}", options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class HotlineTicketsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<HotlineTicket>(session, limits, t => t.TownshipCode)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<HotlineTicket> options) => Single(t => t.TicketId == key, key, options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class EnforcementCasesController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<EnforcementCase>(session, limits, c => c.TownshipCode)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<EnforcementCase> options) => Single(c => c.CaseId == key, key, options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class InstitutionReformsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<InstitutionReform>(session, limits, r => r.TownshipCode)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<InstitutionReform> options) => Single(r => r.TownshipCode == key, key, options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class DevolvedPowersController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<DevolvedPower>(session, limits, d => d.TownshipCode)
{
    [HttpGet("odata/DevolvedPowers(TownshipCode={keyTownshipCode},ItemCode={keyItemCode})")]
    public IActionResult Get(string keyTownshipCode, string keyItemCode, ODataQueryOptions<DevolvedPower> options) =>
        Single(d => d.TownshipCode == keyTownshipCode && d.ItemCode == keyItemCode, $"{keyTownshipCode},{keyItemCode}", options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridSnapshotsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridSnapshot>(session, limits, g => g.CommunityCode)
{
    [HttpGet]
    public IActionResult Get(string keyGridCode, DateOnly keySnapshotDate, ODataQueryOptions<GridSnapshot> options) =>
        Single(g => g.GridCode == keyGridCode && g.SnapshotDate == keySnapshotDate, $"{keyGridCode},{keySnapshotDate:yyyy-MM-dd}", options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class GridEventsController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<GridEvent>(session, limits, e => e.CommunityCode)
{
    [HttpGet]
    public IActionResult Get(string key, ODataQueryOptions<GridEvent> options) => Single(e => e.EventId == key, key, options);
}

[Authorize(Policy = Roles.ReadFacts)]
public sealed class StaffingController(WarehouseSession session, IOptions<QueryLimits> limits)
    : WarehouseSetController<Staffing>(session, limits, s => s.RegionCode)
{
    [HttpGet("odata/Staffing(UnitCode={keyUnitCode},PostKind={keyPostKind},Year={keyYear})")]
    public IActionResult Get(string keyUnitCode, string keyPostKind, int keyYear, ODataQueryOptions<Staffing> options) =>
        Single(s => s.UnitCode == keyUnitCode && s.PostKind == keyPostKind && s.Year == keyYear, $"{keyUnitCode},{keyPostKind},{keyYear}", options);
}
