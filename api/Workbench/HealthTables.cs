using LinqToDB.Mapping;

namespace Analytics.Api.Workbench;

// The load bookkeeping the loader writes beside the data (warehouse/Sql/meta, marts/05_reconciliation.sql), read
// only by the workbench's data-health view. Columns map to snake_case like every warehouse table.

[Table("etl_runs", IsColumnAttributeRequired = false)]
public sealed class EtlRun
{
    public string RunId { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string SourceDir { get; set; } = "";
    public int? FilesLoaded { get; set; }
    public int? FilesSkipped { get; set; }
    public long? RowsLoaded { get; set; }
    public long? RowsRejected { get; set; }
}

[Table("etl_files", IsColumnAttributeRequired = false)]
public sealed class EtlFile
{
    public string FilePath { get; set; } = "";
    public string Family { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Encoding { get; set; } = "";
    public DateTime LoadedAt { get; set; }
    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }
    public long RowsRejected { get; set; }
}

[Table("quarantine", IsColumnAttributeRequired = false)]
public sealed class QuarantinedRow
{
    public string FilePath { get; set; } = "";
    public string? Sheet { get; set; }
    public long RowNumber { get; set; }
    public string? ColumnName { get; set; }
    public string Reason { get; set; } = "";
}

[Table("reconciliation", IsColumnAttributeRequired = false)]
public sealed class ReconciliationEntry
{
    public string RegionCode { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Period { get; set; } = "";
    public double PublishedValue { get; set; }
    public double? WarehouseValue { get; set; }
    public bool LowerBound { get; set; }
    public string Status { get; set; } = "";
    public string SourceDocument { get; set; } = "";
    public string? Quote { get; set; }
}
