using Analytics.Api.Charts;
using Analytics.Api.Forecasts;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;
using ScottPlot;

namespace Analytics.Api.Reports;

/// <summary>
/// Gathers a region's periodic report: the 综述, the key figures with 同比 and 环比, the rankings, the hotline,
/// streamlining and devolution, enforcement, staffing, grids, the reform's measured effect on the hotline, the forecast
/// outlook and the data-quality notes. Every number comes from the query layer; a section without data for the period
/// is left out and named at the end.
/// </summary>
public sealed class ReportBuilder(WarehouseQueries queries, ForecastCache forecaster, ReportOptions options)
{
    /// <summary>Months of history the trend charts show, up to the report period's last month.</summary>
    public const int TrendMonths = 24;

    private static readonly string[] Headline =
    [
        MeasureIds.HotlineTickets, MeasureIds.HotlineCompositeScore, MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate,
        MeasureIds.HotlineSatisfactionRate, MeasureIds.InstitutionStreamliningRate, MeasureIds.DevolvedPowers, MeasureIds.EnforcementCases,
        MeasureIds.Whistles, MeasureIds.GridCoverageRate, MeasureIds.StaffingVacancyRate,
    ];

    private readonly ChartDrawer charts = new(queries);

    public async Task<ReportContent> Build(string regionCode, string period)
    {
        if (!Periods.IsValid(period))
            throw new QueryProblemException(QueryProblem.BadRequest(Periods.Invalid));
        var region = (await queries.Region(regionCode)).OrThrow();
        // A report built within a regional key's scope does not see the parent: it is then left out, not an error.
        var parent = region.ParentCode is null ? null : (await queries.Region(region.ParentCode)).Value;
        var overview = (await queries.Overview(regionCode, period)).OrThrow();
        var figures = await ReportFigures.Read(queries, overview);
        var lastMonth = Periods.LastMonth(period);
        var firstMonth = Periods.MonthsBefore(lastMonth, TrendMonths - 1);
        var childLevel = Levels.Below(region);
        var childComparisons = childLevel is null ? null : await ReportRanking.Compare(queries, region, childLevel, period);
        var children = childComparisons is null ? null : await ReportRanking.Rank(queries, childComparisons, period);
        var alerts = await Alerts(region, figures, children, lastMonth);

        var sections = new List<ReportSection?>
        {
            new("headline", "主要指标", "本期数与上期（环比）、上年同期（同比）比较；比率的变化以个百分点计，数量的变化以百分比计。",
                Pick(figures, Headline), [], [], []),
            await Ranking(region, parent, period, children),
            await Across(region, period),
            new("hotline", "12345热线接诉即办", "响应率、解决率、满意率按月走势（近两年）。", Family(figures, "hotline", Headline),
                [Png("12345热线三率走势", await charts.HotlineChart(regionCode, firstMonth, lastMonth)),
                 Png("12345工单数走势", await charts.TrendChart(MeasureIds.HotlineTickets, regionCode, "month", firstMonth, lastMonth))], [], []),
            new("reform", "机构精简与赋权", "机构精简率为截至期末已完成改革的累计数；下放赋权事项为累计至期末的总数。",
                [.. Family(figures, "reform", Headline), .. Family(figures, "devolution", Headline)],
                [Png("改革前后机构数", ChartDrawer.ReformChart(overview))], [], []),
            new("enforcement", "综合执法", null, Family(figures, "enforcement", Headline),
                [Png("执法案件数走势", await charts.TrendChart(MeasureIds.EnforcementCases, regionCode, "month", firstMonth, lastMonth))], [], []),
            new("staffing", "编制配备", $"{period[..4]}年度核定编制与实有人数。", Family(figures, "staffing", Headline),
                [Png("核定编制与实有人数", await charts.StaffingChart(regionCode, period))], [], []),
            new("grids", "网格化管理", null, Family(figures, "grids", Headline),
                childComparisons?.Single(c => c.Measure.Id == MeasureIds.GridCoverageRate) is { } grids
                    && grids.Regions.Any(r => r.Value is not null)
                    ? [Png("网格覆盖率排名", ChartDrawer.ChildRanking(region, grids))] : [], [], []),
            await ReportImpact.Build(queries, region),
            await ReportOutlook.Build(queries, charts, forecaster, regionCode, period),
            await DataQuality(region),
        };
        var applicable = sections.OfType<ReportSection>().ToList();
        var shown = applicable.Where(s => s.HasData).ToList();
        var summary = new ReportSection("summary", "综述", null, [], [], [], alerts.Count > 0 ? [ReportSummary.Table(alerts)] : []);
        var coverage = await queries.Coverage(regionCode, Periods.LastDay(period));
        return new ReportContent(region.Code, region.Name, period, ChartText.Period(period), Path.GetFileName(queries.GenerationFile),
            DateTimeOffset.Now,
            ReportSummary.Write(region.Name, ChartText.Period(period), parent?.Name, region.LevelEn, figures, children?.Ranking, alerts),
            [summary, .. shown], coverage.Until, [.. coverage.LastDay.Keys], [.. applicable.Where(s => !s.HasData).Select(s => s.Heading)]);
    }

    /// <summary>
    /// 预警: the region's and its children's rates (with a direction, sample sufficient) under the office's line, and
    /// the region's monthly rates that fell <see cref="ReportOptions.AlertFallingMonths"/> months in a row.
    /// </summary>
    private async Task<List<Alert>> Alerts(Region region, List<ReportFigure> figures, (Ranking Ranking, List<Comparison> Comparisons)? ranked, string lastMonth)
    {
        var alerts = new List<Alert>();
        var watched = options.AlertMeasures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Low(Measure m, double? v) => watched.Contains(m.Id) && m.Direction == MeasureDirection.Up && v < options.AlertBelow;
        string Line(Measure m) => ChartText.Value(m, options.AlertBelow);
        foreach (var f in figures.Where(f => f.Reliable && Low(f.Measure, f.Value)))
            alerts.Add(new Alert(region.Name, f.Measure, ChartText.Value(f.Measure, f.Value), Line(f.Measure), "低于预警线"));
        if (ranked is { Ranking: var children, Comparisons: var comparisons })
        {
            foreach (var r in children.Ranked.Where(r => Low(children.Measure, r.Row.Value)).Reverse())
                alerts.Add(new Alert(r.Name, children.Measure, r.Value, Line(children.Measure), "低于预警线"));
            // The children's other rates, as the ranking table shows them beside the ranked one.
            foreach (var c in comparisons.Skip(1))
            {
                var m = MeasureCatalog.Find(c.Measure.Id)!;
                foreach (var r in c.Regions.Where(r => r.Reliable && Low(m, r.Value)).Reverse())
                    alerts.Add(new Alert(r.RegionName, m, ChartText.Value(m, r.Value), Line(m), "低于预警线"));
            }
        }
        var months = options.AlertFallingMonths;
        foreach (var id in HotlineChart.Measures)
        {
            var m = MeasureCatalog.Find(id)!;
            var trend = (await queries.Trend(id, region.Code, "month", Periods.MonthsBefore(lastMonth, months), lastMonth)).OrThrow();
            var points = trend.Points;
            if (points.Count == months + 1 && points.All(p => p.Value is not null && p.Reliable)
                && points.Zip(points.Skip(1)).All(x => x.Second.Value < x.First.Value))
                alerts.Add(new Alert(region.Name, m, ChartText.Value(m, points[^1].Value), "—", $"连续{Chinese(months)}个月下降"));
        }
        return alerts;
    }

    private static string Chinese(int n) => n is > 0 and < 10 ? "一二三四五六七八九"[n - 1].ToString() : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ReportSection> Ranking(Region region, Region? parent, string period, (Ranking Ranking, List<Comparison> Comparisons)? children)
    {
        if (children is not { } c)
        {
            var first = ReportRanking.RankedBy[0];
            return new("ranking", "在同级地区中的排名", parent is null ? null : $"在{parent.Name}各{Levels.Zh(region.LevelEn)}中的位置，虚线为{parent.Name}整体水平。",
                [], [Png($"{MeasureCatalog.Find(first)!.NameZh}排名", await charts.SiblingRanking(first, region.Code, period))], [], []);
        }
        var name = c.Ranking.Measure.NameZh;
        var level = Levels.Zh(c.Ranking.Level);
        // Only a flow rate is a sample (Reliability): a census ratio such as the streamlining rate is ranked as it is.
        var sampled = c.Ranking.Measure.Kind == MeasureKind.Flow && c.Ranking.Measure.Unit != MeasureUnit.Count;
        var lead = $"按{name}排名{(sampled ? $"，样本不足（分母少于{await queries.MinDenominator()}）的不参与排名" : "")}；图中虚线为{region.Name}整体水平。";
        return new("ranking", $"各{level}排名", lead, [],
            [Png($"各{level}{name}排名", ChartDrawer.ChildRanking(region, c.Comparisons[0]))], [], [ReportRanking.ChildTable(c.Ranking, c.Comparisons)]);
    }

    /// <summary>For a city its townships, for a province its counties, ranked across the whole region.</summary>
    private async Task<ReportSection?> Across(Region region, string period)
    {
        if (Levels.Below(region, 2) is not { } level || region.LevelEn is not ("city" or "province"))
            return null;
        var ranked = await ReportRanking.Rank(queries, await ReportRanking.Compare(queries, region, level, period), period);
        var heading = $"全{Levels.Zh(region.LevelEn)[..1]}{Levels.Zh(level)}排名";
        if (ranked is not { } r)
            return new("across", heading, null, [], [], [], []);
        var parents = r.Ranking.Rows.Select(x => x.Row.ParentCode).OfType<string>().Distinct().ToList();
        var names = await queries.Session.Table<Region>().Where(x => parents.Contains(x.Code))
            .ToDictionaryAsync(x => x.Code, x => x.Name, StringComparer.Ordinal, queries.Cancellation);
        return new("across", heading, $"{region.Name}所有{Levels.Zh(level)}按{r.Ranking.Measure.NameZh}统一排名。", [], [], [],
            [ReportRanking.EndsTable(r.Ranking, names)]);
    }

    private async Task<ReportSection> DataQuality(Region region)
    {
        var notes = await queries.Session.Db.GetTable<DataQualityNote>().Where(n => n.Status != "match").ToListAsync(queries.Cancellation);
        var subtree = (await queries.Session.Table<RegionClosure>().Where(c => c.AncestorCode == region.Code).Select(c => c.Code)
            .ToListAsync(queries.Cancellation)).ToHashSet(StringComparer.Ordinal);
        var mine = notes.Where(n => n.RegionCode.Split('+').Any(subtree.Contains)).ToList();
        var rows = mine.Select(n =>
        {
            var m = MeasureCatalog.Find(n.Indicator);
            string Show(double? v) => m is null ? v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—" : ChartText.Value(m, v);
            return (IReadOnlyList<string>)[n.RegionCode, m?.NameZh ?? n.Indicator, ChartText.Period(n.Period), Show(n.PublishedValue), Show(n.WarehouseValue),
                n.Status == "missing" ? "数据缺失" : "不一致", n.SourceDocument ?? ""];
        }).ToList();
        if (mine.Count == 0)
            return new("quality", "数据质量说明", null, [], [], ["本地区公开发布的数字均与数据记录一致。"], []);
        return new("quality", "数据质量说明", $"以下 {mine.Count} 项公开发布的数字与数据记录不一致或缺少数据，请核实。", [], [], [],
            [new ReportTable(["地区代码", "指标", "期间", "公开数字", "记录数字", "情况", "来源文件"], rows)]);
    }

    private static List<ReportFigure> Pick(IEnumerable<ReportFigure> figures, IEnumerable<string> ids) =>
        ids.SelectMany(id => figures.Where(f => f.Measure.Id == id)).ToList();

    /// <summary>A family's figures other than the headline ones (the key-figures table already shows those).</summary>
    private static List<ReportFigure> Family(IEnumerable<ReportFigure> figures, string family, string[] except) =>
        figures.Where(f => f.Measure.Family == family && !except.Contains(f.Measure.Id)).ToList();

    internal static ReportChart Png(string title, Chart chart)
    {
        using (chart)
            return new ReportChart(title, chart.HasData ? chart.Plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png) : [],
                chart.Width, chart.Height, chart.HasData);
    }
}
