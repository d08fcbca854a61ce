using System.Security.Cryptography;
using System.Text;
using Analytics.Api.Audit;
using Analytics.Api.Data;
using Analytics.Api.Network;
using Analytics.Api.OData;
using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Dashboards;

/// <summary>How dashboard answers are kept (section "Dashboards" of the configuration).</summary>
public sealed class DashboardOptions
{
    /// <summary>Bytes of JSON answers kept per generation, all questions and scopes together.</summary>
    public long AnswerCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a client may use an answer without asking again (Cache-Control max-age).</summary>
    public TimeSpan AnswerMaxAge { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The dashboards' answers kept per generation, as the feed's are (<see cref="FeedAnswers"/>): the same question
/// (address and query without the api_key) in the same scope (<see cref="AnswerCache.Scope"/>) under the same
/// generation runs its SQL once. The JSON itself is kept (with what the audit records of it, <see cref="KnownRows"/>),
/// so a repeated question costs neither SQL, nor serialising, nor reading its body again for the audit.
/// Its ETag is the generation plus the question, and <c>If-None-Match</c> is answered 304 before any SQL. A problem
/// (unknown measure, region outside the key's scope) is answered each time and never kept.
/// </summary>
public sealed class DashboardAnswers(IOptions<DashboardOptions> options, IOptions<JsonOptions> json,
    IResponseCompressionProvider compression)
{
    private const string KeyParameter = "api_key";

    public AnswerCache Cache { get; } = new(options.Value.AnswerCacheBytes);

    private sealed record Kept(KeptJson? Json, KnownRows? Rows, QueryProblem? Problem);

    private readonly DashboardWriter writer = new(json.Value.SerializerOptions);

    public Task<IResult> Answer<T>(HttpContext context, WarehouseSession session,
        Func<WarehouseQueries, Task<Answer<T>>> ask) where T : class =>
        Respond(context, session, async queries =>
        {
            var answer = await ask(queries);
            if (answer.Problem is { } problem)
                return (new Kept(null, null, problem), 1L);
            var (bytes, size) = writer.Write(answer.Value!);
            return (new Kept(bytes, DashboardWriter.Rows(answer.Value!), null), size);
        });

    /// <summary>
    /// A comparison, written from DuckDB's reader as it is read (<see cref="ComparisonWriter"/>); as typed rows
    /// (<paramref name="typed"/>) when the HTTP options write differently from the generated writer.
    /// </summary>
    public Task<IResult> Comparison(HttpContext context, WarehouseSession session,
        Func<WarehouseQueries, Task<Answer<Comparison>>> typed,
        Func<WarehouseQueries, Task<Answer<ComparisonCursor>>> ask) =>
        !writer.UsesGeneratedWriter ? Answer(context, session, typed) : Respond(context, session, async queries =>
        {
            var answer = await ask(queries);
            if (answer.Problem is { } problem)
                return (new Kept(null, null, problem), 1L);
            await using var rows = answer.Value!;
            var (bytes, size, known) = writer.Write(rows);
            return (new Kept(bytes, known, null), size);
        });

    private async Task<IResult> Respond(HttpContext context, WarehouseSession session,
        Func<WarehouseQueries, Task<(Kept, long)>> compute)
    {
        var request = context.Request;
        var question = string.Join('\n', [AnswerCache.Scope(context.User), request.Path.Value ?? "",
            .. request.Query.Where(p => p.Key != KeyParameter).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={p.Value}")]);
        var generation = session.GenerationFile;
        var etag = ETag(Path.GetFileName(generation), question);
        var cancellation = context.RequestAborted;
        if (request.Headers.IfNoneMatch.Any(h => (h ?? "").Split(',', StringSplitOptions.TrimEntries)
                .Any(t => t == "*" || t == etag)))
        {
            Headers(context.Response, etag, generation);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var kept = await Cache.GetAsync(generation, question,
            () => compute(new WarehouseQueries(session, context.User, cancellation)), cancellation);
        if (kept.Problem is { } p)
        {
            // Not kept: the next asker computes it again (cheap, and a problem should not outlive its cause).
            Cache.Forget(generation, question);
            return TypedResults.Problem(p.Detail, statusCode: p.Status);
        }
        Headers(context.Response, etag, generation);
        if (kept.Rows is { } rows)
            context.Features.Set(rows);
        const string Json = "application/json; charset=utf-8";
        // Compressed once per question and coding (as the middleware negotiates it), kept beside the answer and
        // evicted with it by the same bound.
        if (kept.Json!.Length >= Compression.MinBytes && compression.GetCompressionProvider(context) is { } provider)
        {
            var coding = provider.EncodingName;
            return Cache.Get(generation, question + "\n" + coding, () =>
            {
                var packed = Compression.Compress(kept.Json, provider);
                return (packed, packed.Size);
            }).Result(Json, coding);
        }
        return kept.Json.Result(Json);
    }

    private void Headers(HttpResponse response, string etag, string generation)
    {
        response.Headers.ETag = etag;
        response.Headers.CacheControl = $"private, max-age={(int)options.Value.AnswerMaxAge.TotalSeconds}";
        response.Headers.Vary = "X-Api-Key, Accept-Encoding";
        response.Headers[ChangedSince.Header] = ChangedSince.Id(generation);
    }

    private static string ETag(string generation, string question)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(generation + "\n" + question));
        return $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }
}
