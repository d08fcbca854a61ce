using System.Data;
using System.Data.Common;
using LinqToDB.Interceptors;

namespace Analytics.Api.Data;

/// <summary>
/// DuckDB.NET binds a parameter by casting its value to the CLR type of its DbType. OData's type promotion makes
/// linq2db send parameters whose DbType and value disagree (`Numerator div Denominator gt 0.5`: Single holding an
/// Int64; `$compute=Value mul 2 as V`: Int32 holding a Double), which DuckDB.NET refuses. Each numeric parameter is
/// declared as what its value is; a Single is sent as a Double (the warehouse has no REAL columns).
/// </summary>
public sealed class NumericParameters : CommandInterceptor
{
    public static NumericParameters Instance { get; } = new();

    public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case float f:
                    parameter.Value = (double)f;
                    parameter.DbType = DbType.Double;
                    break;
                case double:
                    parameter.DbType = DbType.Double;
                    break;
                case long:
                    parameter.DbType = DbType.Int64;
                    break;
                case int:
                    parameter.DbType = DbType.Int32;
                    break;
                case decimal:
                    parameter.DbType = DbType.Decimal;
                    break;
                case null or DBNull when parameter.DbType == DbType.Single:
                    parameter.DbType = DbType.Double;
                    break;
            }
        }
        return command;
    }
}
