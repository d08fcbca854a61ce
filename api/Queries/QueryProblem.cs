using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Queries;

/// <summary>Why a query has no answer: the HTTP status an adapter answers with and the reason shown to the caller.</summary>
public sealed record QueryProblem(int Status, string Detail)
{
    public static QueryProblem BadRequest(string detail) => new(400, detail);
    public static QueryProblem NotFound(string detail) => new(404, detail);
}

/// <summary>A query's answer: a value, or the problem that stands in its place.</summary>
public readonly record struct Answer<T>(T? Value, QueryProblem? Problem) where T : class
{
    public static implicit operator Answer<T>(T value) => new(value, null);
    public static implicit operator Answer<T>(QueryProblem problem) => new(null, problem);

    /// <summary>The value; the problem as <see cref="QueryProblemException"/> for builders that read many answers in a row.</summary>
    public T OrThrow() => Problem is { } problem ? throw new QueryProblemException(problem) : Value!;

    /// <summary>The answer as an endpoint's result: the value, or the problem with its status.</summary>
    public Results<Ok<T>, ProblemHttpResult> ToHttp() =>
        Problem is { } p ? TypedResults.Problem(p.Detail, statusCode: p.Status) : TypedResults.Ok(Value!);
}

/// <summary>
/// A problem carried out of a chart or report builder, which reads a dozen answers and stops at the first problem;
/// the endpoint that called the builder answers it as a problem response.
/// </summary>
public sealed class QueryProblemException(QueryProblem problem) : Exception(problem.Detail)
{
    public QueryProblem Problem { get; } = problem;
}
