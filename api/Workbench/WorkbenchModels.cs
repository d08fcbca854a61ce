namespace Analytics.Api.Workbench;

/// <summary>A measure as the workbench offers it: Chinese texts and the periods it has values for, newest first.</summary>
public sealed record CatalogMeasure(string Id, string NameZh, string Definition, string Unit, string UnitZh, bool Percent,
    string KindZh, bool HigherIsBetter, bool HasDirection, string Direction, IReadOnlyList<string> Grains, IReadOnlyDictionary<string, List<string>> Periods);

/// <summary>A region named in a breadcrumb, a scope list or a page heading.</summary>
public sealed record RegionRef(string Code, string Name, string Level, int LevelRank, string? ParentCode);

/// <summary>Who signed in: the key's role and the region it may see (null: nationwide).</summary>
public sealed record WhoAmI(string Role, RegionRef? Region);

/// <summary>What opening a page needs first, in one answer: who signed in, the catalog, the scopes the key may pick.</summary>
public sealed record WorkbenchStart(WhoAmI Me, IReadOnlyList<CatalogMeasure> Catalog, IReadOnlyList<RegionRef> Scopes);

/// <summary>A region in the workbench: its path from the key's top down, and the levels below it one can compare.</summary>
public sealed record RegionPlace(RegionRef Region, IReadOnlyList<RegionRef> Path, IReadOnlyList<string> LevelsBelow);

/// <summary>
/// One region in a ranking. Rank is among the regions ranked (the whole scope, across counties), ties sharing a rank.
/// Yoy is the change from the same period a year earlier, Change from the previous period of the same grain, both in
/// the measure's unit (for rates a fraction of percentage points). Low and High: Wilson 95% interval of a rate.
/// </summary>
public sealed record RankedRow(long Rank, string RegionCode, string RegionName, string? ParentCode, string? ParentName,
    double? Value, long? Numerator, long? Denominator, double? YearAgoValue, double? Yoy, double? PreviousValue, double? Change,
    double? ParentValue, double? Low, double? High, bool SmallSample);

/// <summary>The regions of a level inside a scope ranked on a measure and period, best first.</summary>
/// <remarks>ScopeValue is the scope region's own value (the reference line of the chart).</remarks>
public sealed record Ranking(CatalogMeasure Measure, string Period, string Level, RegionRef? Scope, IReadOnlyList<RegionRef> Path,
    string? YearAgoPeriod, string? PreviousPeriod, double? ScopeValue, IReadOnlyList<RankedRow> Rows);

/// <summary>One headline figure of a region's page.</summary>
public sealed record RegionFigure(CatalogMeasure Measure, string Period, double? Value, long? Numerator, long? Denominator,
    double? Yoy, double? Change, long? SiblingRank, long? SiblingCount, double? ParentValue, double? Low, double? High, bool SmallSample);

/// <summary>A region's page: where it sits, its headline figures in a period, and the periods it has reports for.</summary>
public sealed record RegionPage(RegionPlace Place, string Period, IReadOnlyList<RegionFigure> Figures, IReadOnlyList<string> Periods);

/// <summary>One load of the warehouse. Row counts are null for a key with a region: they count every region.</summary>
public sealed record LoadRun(string RunId, DateTime StartedAt, DateTime? FinishedAt, int? FilesLoaded, int? FilesSkipped,
    long? RowsLoaded, long? RowsRejected);

/// <summary>One source file as last loaded. Row counts are null for a key with a region: a file holds every region.</summary>
public sealed record LoadedFile(string FilePath, string Family, string FamilyZh, string Encoding, DateTime LoadedAt, long? RowsRead,
    long? RowsLoaded, long? RowsRejected, string Sha256);

/// <summary>
/// Quarantined rows of one file, sheet and column for one reason (no row content: it may hold personal data).
/// ReasonCode is stable (see <see cref="QuarantineReasons"/>); ReasonZh is what the office reads.
/// </summary>
public sealed record QuarantineGroup(string FilePath, string? Sheet, string? Column, string ReasonCode, string ReasonZh, long Rows, long FirstRow);

/// <summary>A published figure against the warehouse's value.</summary>
public sealed record ReconciliationRow(string RegionCode, string RegionName, string Indicator, string IndicatorZh, string Period,
    double PublishedValue, double? WarehouseValue, bool LowerBound, string Status, string SourceDocument, string? Quote);

/// <summary>
/// What the numbers rest on: loads, files, quarantined rows and the reconciliation with published figures.
/// Scoped: the key has a region, so counts over every region and the quarantine are withheld (see DataHealthQuery).
/// </summary>
public sealed record DataHealth(bool Scoped, IReadOnlyList<LoadRun> Runs, IReadOnlyList<LoadedFile> Files,
    IReadOnlyList<QuarantineGroup> Quarantine, IReadOnlyList<ReconciliationRow> Reconciliation,
    IReadOnlyList<FailedLoad> FailedLoads);

/// <summary>
/// A scheduled load that failed or was stopped, from the load journal: it changed nothing. Reason is Chinese and names
/// the file, row and column where the loader knew them, never a row's content. Unresolved: no load committed after it,
/// so the figures shown are still those of the load before.
/// </summary>
public sealed record FailedLoad(DateTime StartedAt, DateTime FinishedAt, string Outcome, string OutcomeZh, string? File, long? Row,
    string? Column, string Reason, bool Unresolved);
