using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;

namespace Analytics.Api.Reports;

/// <summary>
/// <c>/api/reports/{region}/{period}.html|pdf</c>: a stable URL per region and period. The archived report is
/// served while it matches the current warehouse generation; otherwise it is built (and archived) on request.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/reports/{region}/{period}.{format}", Serve)
            .RequireAuthorization(Roles.ReadAggregates)
            .WithTags("Reports")
            .WithSummary("The periodic report of a region (month 2024-07, quarter 2024-Q3 or year 2024) as HTML or PDF")
            // A cold build with its PDF can outlast the API's query timeout; it is never cut short (and runs once).
            .DisableRequestTimeout();
        return routes;
    }

    private static async Task<IResult> Serve(WarehouseSession session, ClaimsPrincipal user, ReportArchive archive,
        string region, string period, string format, CancellationToken cancellation)
    {
        if (format is not ("html" or "pdf"))
            return TypedResults.Problem("format must be html or pdf", statusCode: 400);
        if (!Periods.IsValid(period))
            return TypedResults.Problem(Periods.Invalid, statusCode: 400);
        // Well-formed but outside the calendar the report's date arithmetic covers (year 0000 was a 500).
        if (int.Parse(period[..4], System.Globalization.CultureInfo.InvariantCulture) is < 1900 or > 2999)
            return TypedResults.Problem($"报告期 {period} 的年份须在 1900 至 2999 之间", statusCode: 400);
        var pdf = format == "pdf";
        try
        {
            // The report is built nationwide, so the key's region is checked here: it must see the report's region.
            // A key's report of its own region is built within its scope unless it may compare outside.
            (await new WarehouseQueries(session, user, cancellation).Region(region)).OrThrow();
            if (RegionScope.Of(user) == region && !RegionScope.SeesOutside(user))
                archive = archive.ScopedTo(region);
            if (!archive.IsCurrent(region, period, session.GenerationFile, pdf))
                await archive.Ensure(region, period, pdf, cancellation);
        }
        catch (QueryProblemException e)
        {
            return TypedResults.Problem(e.Problem.Detail, statusCode: e.Problem.Status);
        }
        return pdf
            ? TypedResults.PhysicalFile(archive.Pdf(region, period), "application/pdf")
            : TypedResults.PhysicalFile(archive.Html(region, period), "text/html; charset=utf-8");
    }
}
