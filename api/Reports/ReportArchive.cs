using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Forecasts;
using Analytics.Api.Warehouse;

namespace Analytics.Api.Reports;

/// <summary>
/// Where reports are kept: <c>{folder}/{region}/{period}.html|.pdf</c>, with the generation they were built from
/// beside them, so a stable URL serves the archived file until a new load makes it stale.
/// </summary>
public sealed class ReportArchive(string folder, ForecastCache forecaster)
{
    /// <summary>Reports are built nationwide (the key's region is checked before one is served).</summary>
    public static readonly ClaimsPrincipal Builder = new(new ClaimsIdentity([new Claim(Roles.RoleClaim, Roles.Admin)], "report"));

    public string Folder { get; } = folder;

    /// <summary><c>Reports:Archive</c>, or <c>reports/</c> beside the warehouse link.</summary>
    public static string DefaultFolder(IConfiguration configuration, string warehousePath) =>
        configuration["Reports:Archive"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehousePath)) ?? ".", "reports");

    public string Html(string region, string period) => Path.Combine(Folder, region, period + ".html");
    public string Pdf(string region, string period) => Path.Combine(Folder, region, period + ".pdf");
    private string Stamp(string region, string period) => Path.Combine(Folder, region, period + ".generation");

    /// <summary>Whether the archived report (and its PDF when asked) was built from <paramref name="generation"/>.</summary>
    public bool IsCurrent(string region, string period, string generation, bool pdf) =>
        File.Exists(Stamp(region, period)) && File.ReadAllText(Stamp(region, period)) == Path.GetFileName(generation)
        && File.Exists(Html(region, period)) && (!pdf || File.Exists(Pdf(region, period)));

    /// <summary>Builds the report from the session's generation and archives its HTML and, when asked, its PDF.</summary>
    public async Task<ReportContent> Write(WarehouseSession session, string region, string period, bool pdf, CancellationToken cancellation)
    {
        var content = await new ReportBuilder(session, Builder, forecaster, cancellation).Build(region, period);
        Directory.CreateDirectory(Path.Combine(Folder, region));
        // Written aside and renamed: a reader never gets half a file, and two builders of one report don't collide.
        var html = Html(region, period);
        var temp = Path.Combine(Path.GetDirectoryName(html)!, $".{period}.{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(temp, ReportHtml.Write(content), cancellation);
        if (pdf)
        {
            var tempPdf = Path.ChangeExtension(temp, ".pdf");
            await ChromiumPdf.Print(temp, tempPdf, cancellation);
            File.Move(tempPdf, Pdf(region, period), overwrite: true);
        }
        File.Move(temp, html, overwrite: true);
        await File.WriteAllTextAsync(Stamp(region, period), content.Generation, cancellation);
        return content;
    }
}
