using LinqToDB.Mapping;

namespace Analytics.Api.Reports;

/// <summary>
/// A published figure that the records do not reproduce (the reconciliation table, decision 3): the report lists
/// these so a leader knows which numbers differ from what was published, and by how much.
/// </summary>
[Table("reconciliation", IsColumnAttributeRequired = false)]
public sealed class DataQualityNote
{
    /// <summary>One region code or several joined by '+' (a figure that sums regions).</summary>
    public string RegionCode { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Period { get; set; } = "";
    public double? PublishedValue { get; set; }
    public double? WarehouseValue { get; set; }
    /// <summary>match, differs or missing.</summary>
    public string Status { get; set; } = "";
    public string? SourceDocument { get; set; }
    public string? Quote { get; set; }
}
