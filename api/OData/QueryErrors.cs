using System.Reflection;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using LinqToDB;
using Microsoft.OData;

namespace Analytics.Api.OData;

/// <summary>
/// Which errors are the client's question and which are ours. OData and linq2db materialise results through
/// reflection, so an exception arrives wrapped (TargetInvocationException, AggregateException): the innermost cause
/// decides. A question DuckDB cannot evaluate (division by zero, a value out of range, a text that is not a number)
/// is the client's: 400. So is a function or shape this service cannot translate to SQL: 400 saying it is not
/// supported here, never a 5xx.
/// </summary>
public static class QueryErrors
{
    public sealed record Classified(int Status, string Code, string Message);

    /// <summary>The exception under reflection and task wrappers.</summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    e = aggregate.InnerExceptions[0];
                    continue;
                case TypeInitializationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>The answer for an exception raised while reading a query's result, or null when it is not a query's fault.</summary>
    public static Classified? Classify(Exception exception)
    {
        var e = Unwrap(exception);
        return e switch
        {
            ODataException => new(400, "BadRequest", e.Message),
            GenerationGoneException => new(410, "GenerationGone", e.Message),
            DuckDBException duck => FromDuckDb(duck),
            DivideByZeroException => new(400, "DivisionByZero", "查询中出现除以零（division by zero）：请检查 div 或 mod 的除数。"),
            ArithmeticException => new(400, "Overflow", "查询中的数值超出范围（overflow）：请检查字面量与运算结果的大小。"),
            // OData's paging reads the $skiptoken back against $orderby; a token it did not issue cannot be read.
            InvalidOperationException when e.Message.Contains("skiptoken", StringComparison.OrdinalIgnoreCase) =>
                new(400, "BadRequest", "$skiptoken 无效：请使用上一页 @odata.nextLink 中的链接（invalid $skiptoken）。"),
            InvalidCastException or FormatException =>
                new(400, "BadRequest", "查询中的类型不匹配，无法计算（type mismatch）：请检查比较与运算两侧的类型。"),
            ArgumentException => new(400, "BadRequest", e.Message),
            // OData's binder building an expression the operand types do not allow (DateOnly minus DateOnly, ...).
            InvalidOperationException when e.TargetSite?.DeclaringType?.Namespace == "System.Linq.Expressions" =>
                new(400, "BadRequest", "查询中运算两侧的类型不能这样运算或比较：" + e.Message),
            LinqToDBException or NotSupportedException or NotImplementedException =>
                new(400, "NotSupported", "本服务不支持这种查询写法（not supported），请换一种写法：" + FirstLine(e.Message)),
            _ => null,
        };
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// DuckDB's own messages quote the offending value, which may be a row's text: the answer names the kind of error only.
    /// </summary>
    private static Classified? FromDuckDb(DuckDBException e) => e.ErrorType switch
    {
        DuckDBErrorType.DivideByZero => new(400, "DivisionByZero", "查询中出现除以零（division by zero）：请检查 div 或 mod 的除数。"),
        DuckDBErrorType.OutOfRange => new(400, "OutOfRange", "查询中的数值超出范围（out of range）：请检查字面量与运算结果的大小。"),
        DuckDBErrorType.Conversion => new(400, "ConversionError", "查询中的值无法转换为所需类型（conversion error）：请检查 cast 与比较的类型。"),
        DuckDBErrorType.InvalidInput or DuckDBErrorType.Binder or DuckDBErrorType.Parser or DuckDBErrorType.MismatchType
            or DuckDBErrorType.InvalidType or DuckDBErrorType.Syntax or DuckDBErrorType.Expression =>
            new(400, "BadRequest", $"查询无法在仓库中计算（{e.ErrorType}）：请检查函数参数与类型。"),
        _ => null,
    };
}
