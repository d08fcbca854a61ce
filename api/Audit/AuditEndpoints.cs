using Analytics.Api.Access;
using Analytics.Api.Data;

namespace Analytics.Api.Audit;

/// <summary>An audit answer: the question as understood, and the entries, oldest first.</summary>
public sealed record AuditAnswer(DateTime From, DateTime To, string? RegionCode, string? RegionName, string? KeyId,
    int Count, IReadOnlyList<AuditMatch> Entries);

/// <summary>
/// <c>GET /api/audit?region=日照市&amp;month=last</c> (or <c>from</c>/<c>to</c>, <c>key</c>): the audit trail for an
/// admin key only. The same question on the server's command line: <c>api -- audit</c>.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Most entries one answer lists; the count says how many matched.</summary>
    public const int MaxEntries = 10_000;

    public static void MapAudit(this WebApplication app)
    {
        app.MapGet("/api/audit", (HttpContext context, AuditLog log, WarehouseConnections connections, TimeProvider clock,
                string? region, string? month, string? from, string? to, string? key) =>
            {
                try
                {
                    var question = AuditQuestion.Parse(month, from, to, region, key, clock.GetUtcNow());
                    var answer = Answer(log.Folder, question, question.Region is null ? null : Find(connections, question.Region));
                    return Results.Json(answer, AuditEntry.Json);
                }
                catch (AuditQueryException e)
                {
                    return Results.Json(new { error = new { code = "BadRequest", message = e.Message } }, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .RequireAuthorization(p => p.RequireClaim(Roles.RoleClaim, Roles.Admin))
            .WithTags("Audit");
    }

    public static AuditAnswer Answer(string folder, AuditQuestion question, AuditRegion? region)
    {
        var matches = new List<AuditMatch>();
        var count = 0;
        foreach (var match in AuditTrail.Search(folder, question.From, question.To, region, question.KeyId))
        {
            if (count++ < MaxEntries)
                matches.Add(match);
        }
        return new AuditAnswer(question.From, question.To, region?.Code, region?.Name, question.KeyId, count, matches);
    }

    private static AuditRegion Find(WarehouseConnections connections, string region)
    {
        var generation = connections.Acquire();
        try
        {
            using var connection = generation.Open();
            return AuditRegion.Find(connection, region);
        }
        finally
        {
            generation.Release();
        }
    }
}
