using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Warehouse;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Dashboards;

/// <summary>
/// The JSON API behind the reform office's dashboard: comparison, trend and overview, read from measure_values
/// (one SQL statement each, scoped to the key's region) and described in the OpenAPI document. Charts and reports
/// call the same handlers, so they draw exactly what the dashboards answer.
/// </summary>
public static class DashboardEndpoints
{
    internal static readonly string[] Levels = ["province", "city", "county", "township", "community"];
    private static readonly string[] Grains = ["month", "quarter", "year"];

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboards")
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Dashboards");
        group.MapGet("/comparison", Compare)
            .WithSummary("Compare the regions of one level on a measure and period")
            .WithDescription("Ranked best first, each with its rank among siblings, its parent's value and its change from the previous period. `within` limits the regions to one subtree.");
        group.MapGet("/trend", TrendOf)
            .WithSummary("A measure for a region over a range of periods, with its parent for reference");
        group.MapGet("/overview", OverviewOf)
            .WithSummary("The key figures of a region in a period");
        return routes;
    }

    internal static async Task<Results<Ok<Comparison>, ProblemHttpResult>> Compare(
        WarehouseSession session, ClaimsPrincipal user, string measure, string period, string level, string? within,
        CancellationToken cancellation)
    {
        if (MeasureCatalog.Find(measure) is not { } m)
            return UnknownMeasure(measure);
        if (!Levels.Contains(level))
            return Problem(400, $"level must be one of {string.Join(", ", Levels)}");
        var rows = session.Table<MeasureValue>().Restrict(session.Db, user, v => v.RegionCode).MaskOutside(user)
            .Where(v => v.MeasureId == measure && v.Period == period && v.RegionLevel == level);
        if (within is not null)
            rows = rows.Within(session.Db, within, v => v.RegionCode);
        var ordered = m.HigherIsBetter ? rows.OrderByDescending(v => v.Value) : rows.OrderBy(v => v.Value);
        var list = await ordered.ThenBy(v => v.RegionCode)
            .Select(v => new ComparisonRow(v.RegionCode, v.RegionName, v.ParentCode, v.Value, v.Numerator, v.Denominator,
                v.SiblingRank, v.SiblingCount, v.ParentValue, v.DifferenceFromParent, v.PreviousValue, v.Change))
            .ToListAsync(cancellation);
        return TypedResults.Ok(new Comparison(Info(m), period, level, within, list));
    }

    internal static async Task<Results<Ok<Trend>, ProblemHttpResult>> TrendOf(
        WarehouseSession session, ClaimsPrincipal user, string measure, string region, string? grain, string? from, string? to,
        CancellationToken cancellation)
    {
        if (MeasureCatalog.Find(measure) is not { } m)
            return UnknownMeasure(measure);
        grain ??= m.Grains.Contains("month", StringComparison.Ordinal) ? "month" : "year";
        if (!Grains.Contains(grain))
            return Problem(400, $"grain must be one of {string.Join(", ", Grains)}");
        if (await RegionScope.Find(session, user, region, cancellation) is not { } r)
            return RegionNotVisible(region);
        var periods = session.Table<DimPeriod>().Where(p => p.Grain == grain);
        if (from is not null)
            periods = periods.Where(p => string.Compare(p.Period, from) >= 0);
        if (to is not null)
            periods = periods.Where(p => string.Compare(p.Period, to) <= 0);
        var points = await (
            from p in periods
            from v in session.Table<MeasureValue>().MaskOutside(user)
                .Where(v => v.RegionCode == region && v.MeasureId == measure && v.Period == p.Period).DefaultIfEmpty()
            orderby p.StartDate
            select new TrendPoint(p.Period, v.Value, v.Numerator, v.Denominator, v.ParentValue, v.Change))
            .ToListAsync(cancellation);
        // Periods span every year any fact touches (staffing goes back further than tickets): without an explicit
        // range, start and end where the region or its parent has data; gaps inside stay as nulls.
        static bool HasData(TrendPoint p) => p.Value is not null || p.ParentValue is not null;
        var first = from is null ? points.FindIndex(HasData) : 0;
        var last = to is null ? points.FindLastIndex(HasData) : points.Count - 1;
        points = first < 0 ? [] : points[first..(last + 1)];
        var parentName = r.ParentCode is null ? null
            : await session.Table<Region>().Where(x => x.Code == r.ParentCode).Select(x => x.Name).FirstOrDefaultAsync(cancellation);
        return TypedResults.Ok(new Trend(Info(m), r.Code, r.Name, r.ParentCode, parentName, grain, points));
    }

    internal static async Task<Results<Ok<Overview>, ProblemHttpResult>> OverviewOf(
        WarehouseSession session, ClaimsPrincipal user, string region, string period, CancellationToken cancellation)
    {
        if (await RegionScope.Find(session, user, region, cancellation) is not { } r)
            return RegionNotVisible(region);
        var values = await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.RegionCode == region && v.Period == period)
            .ToListAsync(cancellation);
        var byId = values.ToDictionary(v => v.MeasureId, StringComparer.Ordinal);
        var figures = MeasureCatalog.All
            .Where(m => byId.ContainsKey(m.Id))
            .Select(m =>
            {
                var v = byId[m.Id];
                return new Figure(Info(m), v.Value, v.Numerator, v.Denominator, v.PreviousValue, v.Change, v.SiblingRank, v.SiblingCount, v.ParentValue);
            })
            .ToList();
        return TypedResults.Ok(new Overview(r.Code, r.Name, r.LevelEn, period, figures));
    }

    private static MeasureInfo Info(Analytics.Warehouse.Measures.Measure m) =>
        new(m.Id, m.NameZh, m.NameEn, m.Unit.ToString().ToLowerInvariant(), m.Kind.ToString().ToLowerInvariant(), m.HigherIsBetter);

    private static ProblemHttpResult UnknownMeasure(string id) => Problem(400, $"unknown measure '{id}' (see /odata/Measures)");

    private static ProblemHttpResult RegionNotVisible(string code) => Problem(404, RegionScope.NotVisible(code));

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);
}
