using System.Security.Claims;
using Analytics.Api.Charts;
using Analytics.Api.Dashboards;
using Analytics.Api.Forecasts;
using Analytics.Api.Warehouse;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;
using ScottPlot;

namespace Analytics.Api.Reports;

/// <summary>
/// Gathers a region's periodic report: headline figures with their change, the children's ranking, the hotline
/// rates over two years, streamlining and devolution, enforcement and whistles, staffing, grids, the forecast outlook
/// and the data-quality notes. Every number comes from the dashboards' queries over measure_values.
/// </summary>
public sealed class ReportBuilder(WarehouseSession session, ClaimsPrincipal user, ForecastCache forecaster, CancellationToken cancellation)
{
    /// <summary>Months of history the trend charts show, up to the report period's last month.</summary>
    public const int TrendMonths = 24;

    private static readonly string[] Headline =
    [
        "hotline_tickets", "hotline_composite_score", "hotline_response_rate", "hotline_resolution_rate",
        "hotline_satisfaction_rate", "institution_streamlining_rate", "devolved_powers", "enforcement_cases", "whistles",
        "grid_coverage_rate", "staffing_vacancy_rate",
    ];

    /// <summary>The children's ranking: by the first measure they have values for, with the others as columns.</summary>
    private static readonly string[] RankedBy =
    [
        "hotline_composite_score", "institution_streamlining_rate", "grid_coverage_rate",
        "hotline_response_rate", "hotline_resolution_rate", "hotline_satisfaction_rate",
    ];

    private readonly ChartQueries charts = new(session, user, cancellation);

    public async Task<ReportContent> Build(string regionCode, string period)
    {
        if (!Periods.IsValid(period))
            throw new ChartProblemException(400, Periods.Invalid);
        var region = await charts.Region(regionCode);
        // Read once: the figures and the reform chart come from the same overview.
        var overview = await charts.Overview(regionCode, period);
        var figures = await Figures(overview);
        var lastMonth = Periods.LastMonth(period);
        var firstMonth = Periods.MonthsBefore(lastMonth, TrendMonths - 1);
        // Read once: the ranking's table and chart and the grid-coverage chart draw from the same comparisons.
        var children = ChartQueries.ChildLevel(region) is { } level ? await ChildComparisons(region, level, period) : null;

        List<ReportSection> sections =
        [
            new("headline", "一、主要指标", $"{region.Name}{ChartText.Period(period)}主要指标及与上期比较（编制类指标按年度）。",
                Pick(figures, Headline), [], []),
            await Ranking(region, period, children),
            new("hotline", "三、12345热线接诉即办", "响应率、解决率、满意率按月走势（近两年）。",
                Family(figures, "hotline"),
                [Png("12345热线三率走势", await charts.HotlineChart(regionCode, firstMonth, lastMonth)),
                 Png("12345工单数走势", await charts.TrendChart("hotline_tickets", regionCode, "month", firstMonth, lastMonth))], []),
            new("reform", "四、机构精简与赋权", "改革前后机构数为截至期末已完成改革的累计数。",
                [.. Family(figures, "reform"), .. Family(figures, "devolution")],
                [Png("改革前后机构数", ChartQueries.ReformChart(overview)),
                 .. children is not null ? [Png("下放赋权事项数排名", await charts.ChildRanking("devolved_powers", regionCode, period))] : Array.Empty<ReportChart>()], []),
            new("enforcement", "五、综合执法与吹哨报到", null,
                [.. Family(figures, "enforcement"), .. Pick(figures, ["whistles"])],
                [Png("执法案件数走势", await charts.TrendChart("enforcement_cases", regionCode, "month", firstMonth, lastMonth))], []),
            new("staffing", "六、编制配备", $"{period[..4]}年度核定编制与实有人数。",
                Family(figures, "staffing"), [Png("核定编制与实有人数", await charts.StaffingChart(regionCode, period))], []),
            new("grids", "七、网格化管理", null, Family(figures, "grids"),
                children is not null ? [Png("网格覆盖率排名", ChartQueries.ChildRanking(region, children.Single(c => c.Measure.Id == "grid_coverage_rate")))] : [], []),
            await ReportOutlook.Build(charts, forecaster, regionCode, period),
            await DataQuality(region),
        ];
        return new ReportContent(region.Code, region.Name, period, ChartText.Period(period),
            Path.GetFileName(session.GenerationFile), DateTimeOffset.Now, sections);
    }

    /// <summary>The period's figures, with the yearly staffing figures of the period's year.</summary>
    private async Task<List<Figure>> Figures(Overview overview)
    {
        var figures = overview.Figures.ToList();
        if (Periods.Grain(overview.Period) != "year")
        {
            var yearly = await charts.Overview(overview.RegionCode, overview.Period[..4]);
            figures.AddRange(yearly.Figures.Where(f => !figures.Any(x => x.Measure.Id == f.Measure.Id)));
        }
        return figures;
    }

    /// <summary>The children's comparisons on each of <see cref="RankedBy"/>, in that order.</summary>
    private async Task<List<Comparison>> ChildComparisons(Region region, string level, string period)
    {
        var comparisons = new List<Comparison>();
        foreach (var id in RankedBy)
            comparisons.Add(await charts.Compare(id, Periods.For(MeasureCatalog.Find(id)!, period), level, region.Code));
        return comparisons;
    }

    private async Task<ReportSection> Ranking(Region region, string period, List<Comparison>? children)
    {
        if (children is null)
        {
            var own = await charts.SiblingRanking(RankedBy[0], region.Code, period);
            return new("ranking", "二、在同级地区中的排名", null, [], [Png($"{MeasureCatalog.Find(RankedBy[0])!.NameZh}排名", own)], []);
        }
        var level = ChartQueries.ChildLevel(region)!;
        // Ranked by the first of these the children have values for (江西's samples have no hotline tickets).
        var first = Math.Max(0, children.FindIndex(c => c.Regions.Any(r => r.Value is not null)));
        var measure = RankedBy[first];
        string[] columns = [measure, .. RankedBy.Where(id => id != measure)];
        List<Comparison> comparisons = [children[first], .. children.Where((_, i) => i != first)];
        var byRegion = comparisons.Select(c => c.Regions.ToDictionary(r => r.RegionCode, StringComparer.Ordinal)).ToList();
        var rows = comparisons[0].Regions.Select(r => (IReadOnlyList<string>)
        [
            r.SiblingRank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", r.RegionName,
            .. columns.Select((id, i) => ChartText.Value(MeasureCatalog.Find(id)!, byRegion[i].GetValueOrDefault(r.RegionCode)?.Value)),
            ChartText.Change(MeasureCatalog.Find(measure)!, r.Change),
        ]).ToList();
        var header = new List<string> { "名次", "地区" };
        header.AddRange(columns.Select(id => MeasureCatalog.Find(id)!.NameZh));
        var name = MeasureCatalog.Find(measure)!.NameZh;
        header.Add($"{name}较上期");
        return new("ranking", $"二、各{ChartQueries.LevelZh(level)}排名", $"按{name}排名，虚线为{region.Name}整体水平。", [],
            [Png($"各{ChartQueries.LevelZh(level)}{name}排名", ChartQueries.ChildRanking(region, comparisons[0]))], [], new ReportTable(header, rows));
    }

    private async Task<ReportSection> DataQuality(Region region)
    {
        var notes = await session.Db.GetTable<DataQualityNote>().Where(n => n.Status != "match").ToListAsync(cancellation);
        var subtree = (await session.Table<RegionClosure>().Where(c => c.AncestorCode == region.Code).Select(c => c.Code)
            .ToListAsync(cancellation)).ToHashSet(StringComparer.Ordinal);
        var mine = notes.Where(n => n.RegionCode.Split('+').Any(subtree.Contains)).ToList();
        var rows = mine.Select(n =>
        {
            var m = MeasureCatalog.Find(n.Indicator);
            string Show(double? v) => m is null ? v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—" : ChartText.Value(m, v);
            return (IReadOnlyList<string>)[n.RegionCode, m?.NameZh ?? n.Indicator, n.Period, Show(n.PublishedValue), Show(n.WarehouseValue),
                n.Status == "missing" ? "数据缺失" : "不一致", n.SourceDocument ?? ""];
        }).ToList();
        var lead = mine.Count == 0 ? "本地区公开发布的数字均与数据记录一致。" : $"以下 {mine.Count} 项公开发布的数字与数据记录不一致或缺少数据，请核实。";
        return new("quality", "九、数据质量说明", lead, [], [], [],
            mine.Count == 0 ? null : new ReportTable(["地区代码", "指标", "期间", "公开数字", "仓库数字", "情况", "来源文件"], rows));
    }

    private static List<Figure> Pick(IEnumerable<Figure> figures, IEnumerable<string> ids) =>
        ids.SelectMany(id => figures.Where(f => f.Measure.Id == id)).ToList();

    private static List<Figure> Family(IEnumerable<Figure> figures, string family) =>
        figures.Where(f => MeasureCatalog.Find(f.Measure.Id)?.Family == family).ToList();

    internal static ReportChart Png(string title, Chart chart)
    {
        using (chart)
            return new ReportChart(title, chart.HasData ? chart.Plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png) : [],
                chart.Width, chart.Height, chart.HasData);
    }
}
