using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>One section of a report: a heading, an optional lead sentence, figures, charts (PNG), notes and tables.</summary>
public sealed record ReportSection(string Id, string Heading, string? Lead, IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportChart> Charts, IReadOnlyList<string> Notes, IReadOnlyList<ReportTable> Tables)
{
    /// <summary>Whether the section has anything to show for the period (an empty one is left out and listed at the end).</summary>
    public bool HasData => Figures.Count > 0 || Charts.Any(c => c.HasData) || Tables.Any(t => t.Rows.Count > 0) || Notes.Count > 0;
}

/// <summary>
/// A key figure as the report shows it: the value (a stock as its total to date), the previous period (环比), the
/// same period a year before (同比), the rank among siblings, the parent's value and whether the sample suffices.
/// </summary>
public sealed record ReportFigure(Measure Measure, double? Value, double? Previous, double? YearAgo, long? Rank, long? RankCount,
    double? Parent, bool Reliable, double? Low, double? High, string? Note = null);

/// <summary>A chart as drawn for the report, with the Chinese alternative text a screen reader or search finds.</summary>
/// <remarks>HasData is false when the warehouse has nothing to draw: the chart is then left out.</remarks>
public sealed record ReportChart(string Title, byte[] Png, int Width, int Height, bool HasData = true);

/// <summary>
/// A plain table (rankings, alerts, outlook, data-quality notes), optionally with a caption; <c>Wrap</c> names the
/// columns whose text may wrap (long names), the others keep each cell on one line.
/// </summary>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null,
    IReadOnlySet<int>? Wrap = null);

/// <summary>
/// Everything a report shows, gathered from the warehouse before it is written as HTML: the 综述's paragraphs, the
/// sections with data, the last day with data in the region up to the period's end (数据截至), the source families
/// in the reader's words, and the sections left out for want of data (named in one line at the end).
/// </summary>
public sealed record ReportContent(string RegionCode, string RegionName, string Period, string PeriodText,
    string Generation, DateTimeOffset Generated, IReadOnlyList<string> Summary, IReadOnlyList<ReportSection> Sections,
    DateOnly? DataUntil, IReadOnlyList<string> Sources, IReadOnlyList<string> Omitted);
