using Analytics.Api.Queries;

namespace Analytics.Api.Reports;

/// <summary>One section of a report: a heading, an optional lead sentence, figures, charts (PNG) and notes.</summary>
public sealed record ReportSection(string Id, string Heading, string? Lead, IReadOnlyList<Figure> Figures,
    IReadOnlyList<ReportChart> Charts, IReadOnlyList<string> Notes, ReportTable? Table = null);

/// <summary>A chart as drawn for the report, with the Chinese alternative text a screen reader or search finds.</summary>
/// <remarks>HasData is false when the warehouse has nothing to draw: the report then says so in words, not with an empty frame.</remarks>
public sealed record ReportChart(string Title, byte[] Png, int Width, int Height, bool HasData = true);

/// <summary>A plain table (children's ranking, data-quality notes).</summary>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Everything a report shows, gathered from the warehouse before it is written as HTML.</summary>
public sealed record ReportContent(string RegionCode, string RegionName, string Period, string PeriodText,
    string Generation, DateTimeOffset Generated, IReadOnlyList<ReportSection> Sections);
