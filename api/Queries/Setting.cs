using LinqToDB.Mapping;

namespace Analytics.Api.Queries;

/// <summary>One setting the load ran with (response limit, weights, the minimum denominator for ranking).</summary>
[Table("settings", IsColumnAttributeRequired = false)]
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
