namespace Analytics.Etl.Sources;

public enum ColumnType { Text, Integer, Number, Date, Timestamp, YesNo }

/// <summary>Personal data never reaches a table: dropped at read, or replaced by a salted hash.</summary>
public enum Personal { No, Drop, Hash }

public enum SourceFormat { Csv, Xlsx, Jsonl }

/// <param name="Header">The header as the exporting system writes it (Chinese for most families).</param>
/// <param name="Name">The warehouse column.</param>
/// <param name="Region">The value must be a region code of the warehouse.</param>
/// <param name="Sql">The staging column's type where it is not the default for <paramref name="Type"/>
/// (INTEGER for whole numbers, DOUBLE for numbers): a value it cannot hold is a bad row.</param>
public sealed record SourceColumn(
    string Header,
    string Name,
    ColumnType Type = ColumnType.Text,
    bool Required = false,
    IReadOnlyList<string>? Values = null,
    bool NonNegative = false,
    Personal Personal = Personal.No,
    bool Region = false,
    string? Sql = null)
{
    public string StoredType => Sql ?? Type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Number => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.YesNo => "BOOLEAN",
        _ => "VARCHAR",
    };
}

/// <summary>A check across columns: <paramref name="BadWhen"/> is SQL over the typed columns.</summary>
public sealed record RowRule(string Column, string BadWhen, string ReasonSql);

/// <summary>One kind of export: where its files are, how they are laid out, and what makes a row good.</summary>
/// <param name="Pattern">Folder and file-name prefix relative to the source folder, e.g. <c>cases/hotline</c>.</param>
/// <param name="Key">Columns that identify a row; a second row with the same key is a duplicate.</param>
public sealed record SourceFamily(
    string Name,
    string Table,
    SourceFormat Format,
    string Pattern,
    IReadOnlyList<SourceColumn> Columns,
    IReadOnlyList<string> Key,
    IReadOnlyList<RowRule> Rules)
{
    public IEnumerable<SourceColumn> Stored => Columns.Where(c => c.Personal != Personal.Drop);

    /// <summary>
    /// For the large monthly families: the date column whose month partitions the stored Parquet files, so a load
    /// recomputes only the months its files touch (docs/decisions/0006). Null for small families, which are
    /// recomputed whole when they change.
    /// </summary>
    public string? MonthColumn { get; init; }

    public SourceColumn Column(string name) => Columns.Single(c => c.Name == name);

    public bool Matches(string relativePath)
    {
        var folder = Path.GetDirectoryName(Pattern)!.Replace('\\', '/');
        var prefix = Path.GetFileName(Pattern);
        var dir = (Path.GetDirectoryName(relativePath) ?? "").Replace('\\', '/');
        var file = Path.GetFileName(relativePath);
        return dir == folder
            && file.StartsWith(prefix, StringComparison.Ordinal)
            && Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    private IEnumerable<string> Extensions => Format switch
    {
        SourceFormat.Csv => [".csv", ".csv.gz"],
        SourceFormat.Jsonl => [".jsonl", ".jsonl.gz"],
        _ => [".xlsx"],
    };
}
