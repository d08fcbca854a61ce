using System.Globalization;
using Analytics.Api.Charts;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>One region's place in a ranking as the report states it (the 综述 quotes these cells).</summary>
public sealed record RankedRow(string Name, string Rank, string Value, string Change, string YearChange, ComparisonRow Row);

/// <summary>A ranking the report shows: regions ordered best first, ranked only where the sample suffices.</summary>
public sealed record Ranking(Measure Measure, string Level, IReadOnlyList<RankedRow> Rows)
{
    public IEnumerable<RankedRow> Ranked => Rows.Where(r => r.Row.Reliable && r.Row.Value is not null);
}

/// <summary>
/// The rankings of a report: the children on the first of <see cref="RankedBy"/> they have values for, with the
/// other rates beside it; and, for a city or province, the regions two levels down across the whole region (the
/// office asks which of its townships are worst, not only which county). A rate whose denominator is under the
/// minimum is listed as 样本不足 and not ranked.
/// </summary>
public static class ReportRanking
{
    public static readonly string[] RankedBy =
    [
        MeasureIds.HotlineCompositeScore, MeasureIds.InstitutionStreamliningRate, MeasureIds.GridCoverageRate,
        MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate,
    ];

    /// <summary>Rows of the across-region table at each end (best and worst).</summary>
    public const int Ends = 10;

    /// <summary>The comparisons of <see cref="RankedBy"/> for the regions of <paramref name="level"/> under the region.</summary>
    public static async Task<List<Comparison>> Compare(WarehouseQueries q, Region region, string level, string period)
    {
        var list = new List<Comparison>();
        foreach (var id in RankedBy)
            list.Add((await q.Compare(id, Periods.For(MeasureCatalog.Find(id)!, period), level, region.Code)).OrThrow());
        return list;
    }

    /// <summary>The ranking on the first measure with values, with its 同比 from the same period a year before.</summary>
    public static async Task<(Ranking Ranking, List<Comparison> Comparisons)?> Rank(WarehouseQueries q, List<Comparison> comparisons, string period)
    {
        var first = comparisons.FindIndex(c => c.Regions.Any(r => r.Value is not null));
        if (first < 0)
            return null;
        var lead = comparisons[first];
        var m = MeasureCatalog.Find(lead.Measure.Id)!;
        var ago = (await q.Compare(m.Id, Periods.YearBefore(Periods.For(m, period)), lead.Level, lead.Within)).OrThrow()
            .Regions.ToDictionary(r => r.RegionCode, r => r.Value, StringComparer.Ordinal);
        var rank = 0;
        var rows = lead.Regions.Where(r => r.Value is not null)
            .OrderBy(r => r.Reliable ? 0 : 1)
            .Select(r => new RankedRow(r.RegionName, r.Reliable ? (++rank).ToString(CultureInfo.InvariantCulture) : "样本不足",
                ChartText.Value(m, r.Value), ChartText.ChangeBetween(m, r.Value, r.PreviousValue),
                ChartText.ChangeBetween(m, r.Value, ago.GetValueOrDefault(r.RegionCode)), r))
            .ToList();
        return (new Ranking(m, lead.Level, rows), [lead, .. comparisons.Where((_, i) => i != first)]);
    }

    /// <summary>The children's table: rank, name, the ranked measure with 环比 and 同比, the other rates.</summary>
    public static ReportTable ChildTable(Ranking ranking, List<Comparison> comparisons)
    {
        var others = comparisons.Skip(1).ToList();
        var byRegion = others.Select(c => c.Regions.ToDictionary(r => r.RegionCode, StringComparer.Ordinal)).ToList();
        var header = new List<string> { "名次", "地区", ranking.Measure.NameZh, "环比", "同比" };
        header.AddRange(others.Select(c => c.Measure.NameZh));
        var rows = ranking.Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Rank, r.Name, r.Value, r.Change, r.YearChange,
            .. others.Select((c, i) => Cell(MeasureCatalog.Find(c.Measure.Id)!, byRegion[i].GetValueOrDefault(r.Row.RegionCode))),
        ]).ToList();
        return new ReportTable(header, rows);
    }

    /// <summary>The across-region table: the best and the worst <see cref="Ends"/> ranked, with their parent.</summary>
    public static ReportTable EndsTable(Ranking ranking, IReadOnlyDictionary<string, string> parentNames)
    {
        var ranked = ranking.Ranked.ToList();
        var shown = ranked.Count <= 2 * Ends ? ranked : [.. ranked.Take(Ends), .. ranked.TakeLast(Ends)];
        var rows = shown.Select(r => (IReadOnlyList<string>)
            [r.Rank, r.Name, parentNames.GetValueOrDefault(r.Row.ParentCode ?? "", ""), r.Value, r.Change, r.YearChange]).ToList();
        var unranked = ranking.Rows.Count - ranked.Count;
        var caption = (ranked.Count > 2 * Ends ? $"共{ranked.Count}个参与排名，列出前{Ends}名和后{Ends}名" : $"共{ranked.Count}个参与排名") +
                      (unranked > 0 ? $"；另有{unranked}个样本不足，未参与排名" : "") + "。";
        return new ReportTable(["名次", "地区", "所属", ranking.Measure.NameZh, "环比", "同比"], rows, caption);
    }

    /// <summary>A rate with too small a sample shows its value with its interval and the flag.</summary>
    private static string Cell(Measure m, ComparisonRow? row) => row switch
    {
        null or { Value: null } => "—",
        { Reliable: false } => $"{ChartText.Value(m, row.Value)}（样本不足）",
        _ => ChartText.Value(m, row.Value),
    };
}
