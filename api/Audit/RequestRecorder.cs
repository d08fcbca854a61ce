using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Api.Access;

namespace Analytics.Api.Audit;

/// <summary>
/// Outermost but for forwarded headers: gives every request an id (the X-Request-Id response header, and the
/// RequestId of every log line written while it runs), and when it ends writes its audit entry and one log line.
/// The key itself never reaches either: the api_key parameter is cut from the query, the header is not read.
/// Probes (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) carry no data and are not recorded.
/// </summary>
public sealed partial class RequestRecorder(RequestDelegate next, AuditLog audit, TimeProvider clock, ILogger<RequestRecorder> logger)
{
    public const string RequestIdHeader = "X-Request-Id";

    private static readonly string[] Probes = ["/healthz", "/readyz", "/metrics"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (Probes.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }
        var time = clock.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
        var rows = new ResponseRows();
        var original = context.Response.Body;
        context.Response.Body = new ObservedBody(original, rows, context.Response);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            Record(context, time, started, rows);
        }
    }

    private void Record(HttpContext context, DateTime time, long started, ResponseRows rows)
    {
        var user = context.User;
        var keyId = user.FindFirst(Roles.KeyIdClaim)?.Value;
        var query = Query(context.Request);
        var path = context.Request.Path.Value ?? "/";
        // A handler that knows its answer's rows said so (KnownRows); then the body was not read.
        var known = context.Features.Get<KnownRows>();
        var counted = known is null ? rows.Finish() : known.Rows;
        var regions = new SortedSet<string>(known?.Regions ?? (IEnumerable<string>)rows.Regions,
            StringComparer.Ordinal);
        foreach (Match m in RegionCode().Matches(path + " " + query))
            regions.Add(m.Value);
        var entry = new AuditEntry(time, context.TraceIdentifier, keyId, user.FindFirst(Roles.RoleClaim)?.Value, RegionScope.Of(user),
            context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, path, query.Length == 0 ? null : query,
            context.Response.StatusCode, counted, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            [.. regions], known?.RegionsTruncated ?? rows.RegionsTruncated,
            context.Connection.RemoteIpAddress?.ToString());
        try
        {
            audit.Append(entry);
        }
        catch (IOException e)
        {
            // The answer has been sent: say loudly that its audit entry is missing, with what it would have held.
            logger.LogCritical(e, "Audit entry not written for request {RequestId} of key {KeyId}", entry.RequestId, keyId);
        }
        logger.LogInformation("{Method} {Route} answered {Status} in {Milliseconds} ms with {Rows} rows for key {KeyId}",
            entry.Method, entry.Route ?? path, entry.Status, entry.Milliseconds, counted, keyId ?? "-");
    }

    /// <summary>The query decoded for reading, without the key.</summary>
    public static string Query(HttpRequest request)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (string.Equals(name, ApiKeyAuthentication.QueryParameter, StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var value in values)
            {
                if (text.Length > 0)
                    text.Append('&');
                text.Append(name).Append('=').Append(value);
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex RegionCode();

    /// <summary>Passes the body through unchanged, showing each write to <see cref="ResponseRows"/> on the way.</summary>
    private sealed class ObservedBody(Stream inner, ResponseRows rows, HttpResponse response) : Stream
    {
        private bool begun;
        private bool known;

        private void See(ReadOnlySpan<byte> data)
        {
            if (!begun)
            {
                begun = true;
                known = response.HttpContext.Features.Get<KnownRows>() is not null;
                rows.Begin(response.ContentType);
            }
            if (!known)
                rows.Feed(data);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            See(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            See(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            See(buffer.AsSpan(offset, count));
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            See(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
