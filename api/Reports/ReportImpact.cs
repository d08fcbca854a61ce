using System.Globalization;
using Analytics.Api.Charts;
using Analytics.Api.Data;
using Analytics.Api.Impact;
using Analytics.Api.Queries;
using Analytics.Impact;
using Analytics.Warehouse.Measures;
using ScottPlot;

namespace Analytics.Api.Reports;

/// <summary>
/// The report's "改革成效评估": did the townships' hotline results change more after their institutions were
/// integrated than in the townships not yet integrated? For a province or city, the same estimate as
/// <c>/api/impact</c> (default window, bootstrap and treatment) of the resolution and satisfaction rates: the
/// average effect with its 95% range in words, whether the two groups moved together before the reform, how many
/// townships were compared, the event-study chart and the warnings. A county or township report, or a region without
/// monthly hotline values, says in one note why there is no estimate.
/// </summary>
public static class ReportImpact
{
    public const string Id = "impact";
    public const string Heading = "改革成效评估";

    /// <summary>The outcomes assessed, in order: what the hotline is for (resolving) and what residents feel.</summary>
    public static readonly string[] Outcomes = [MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate];

    public static readonly string[] Header = ["指标", "改革后平均变化", "95%可能范围", "改革前两组走势", "已改革乡镇", "对照乡镇", "评估月份"];

    public static async Task<ReportSection> Build(WarehouseQueries queries, Region region)
    {
        if (region.LevelRank > 2)
        {
            var note = region.LevelRank == 3
                ? $"改革成效评估把一个市或省内已完成机构整合的乡镇（街道）与尚未完成的比较。{region.Name}的乡镇（街道）数量少，" +
                  "可比较的对象不足，结果不可靠，本报告不作评估，请参阅所在市或省的报告。"
                : "改革成效评估比较一个市或省内的众多乡镇（街道），单个乡镇（街道）的报告不作评估，请参阅所在市或省的报告。";
            return new(Id, Heading, null, [], [], [note], []);
        }
        var answers = new List<ImpactAnswer>();
        foreach (var id in Outcomes)
        {
            var answer = await ImpactQuery.Run(queries, id, region.Code, null, null, null, null);
            // 404: the region has no monthly township values of the measure (江西's samples have no hotline).
            if (answer.Problem is { Status: 404 })
                continue;
            answers.Add(answer.OrThrow());
        }
        if (answers.Count == 0)
            return new(Id, Heading, null, [], [], [$"{region.Name}的乡镇（街道）没有12345热线逐月数据，无法评估机构整合对热线办理的影响。"], []);

        var first = answers[0];
        var lead = $"把已完成机构整合的乡镇（街道）与同期尚未完成的比较：改革后两组变化之差，就是改革带来的变化，" +
                   "从而排除了各地同时都在变好（或变差）的影响。" +
                   $"数据为{ChartText.Period(first.FirstMonth)}至{ChartText.Period(first.LastMonth)}" +
                   $"的逐月数据。{string.Join("", answers.Select(Conclusion))}";
        var rows = answers.Select(Row).ToList();
        var charts = answers.Select(Chart).ToList();
        // A warning both outcomes share (the same months without comparisons) is said once, naming both.
        var notes = answers.SelectMany(a => Warnings(a).Select(w => (Name: Name(a.Measure), Warning: w)))
            .GroupBy(x => x.Warning, StringComparer.Ordinal)
            .Select(g => $"{string.Join("、", g.Select(x => x.Name))}：{g.Key}").ToList();
        return new(Id, Heading, lead, [], charts, notes,
            [new ReportTable(Header, rows, "“95%可能范围”：改革的真实影响有95%的把握落在此范围内；范围包含0，说明还不能认定改革改变了该指标。")]);
    }

    /// <summary>The average change after the reform in the measure's unit: percentage points for a rate.</summary>
    public static string Change(MeasureInfo m, double value) =>
        (value * Scale(m)).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + Unit(m);

    /// <summary>The 95% interval as "-3.0至+2.7个百分点": the unit once, at the end.</summary>
    public static string Range(MeasureInfo m, OverallEffect o) =>
        $"{Change(m, o.Low)[..^Unit(m).Length]}至{Change(m, o.High)}";

    /// <summary>The pre-trend test in words: did the two groups move together before the reform?</summary>
    public static string Before(ImpactEstimate e) => e.PreTrend switch
    {
        null => "无法检验",
        { Rejected: true } => "已有明显差异",
        _ => "基本一致",
    };

    private static List<string> Row(ImpactAnswer a)
    {
        var e = a.Estimate;
        var m = a.Measure;
        return
        [
            Name(m), e.Overall is { } o ? Change(m, o.Estimate) : "无法估计", e.Overall is { } r ? Range(m, r) : "—",
            Before(e), e.TreatedUnits.ToString(CultureInfo.InvariantCulture),
            e.ComparisonUnits.ToString(CultureInfo.InvariantCulture),
            e.Overall is { } w ? $"改革后第0至{w.LastEventTime}个月" : "—",
        ];
    }

    /// <summary>One sentence per outcome: the effect's size and whether it can be told from no effect.</summary>
    private static string Conclusion(ImpactAnswer a)
    {
        var m = a.Measure;
        if (a.Estimate.Overall is not { } o)
            return $"{Name(m)}：改革后找不到尚未改革的乡镇作对照，无法评估。";
        var range = $"（95%的把握在{Range(m, o)}之间）";
        var verdict = o.Low > 0 || o.High < 0
            ? $"改革后比未改革乡镇平均{(o.Estimate > 0 ? "提高" : "降低")}{Change(m, Math.Abs(o.Estimate)).TrimStart('+')}{range}，" +
              $"差异明显，{(o.Estimate > 0 == m.HigherIsBetter ? "改革有成效" : "改革后反而变差，需关注")}"
            : $"改革后与未改革乡镇相比平均变化{Change(m, o.Estimate)}{range}，差异不明显，尚不能认定改革改变了{Name(m)}";
        var before = a.Estimate.PreTrend switch
        {
            null => "；改革前可比较的月份不足，无法检验两组改革前是否同步变化",
            { Rejected: true } => "；但改革前两组走势已有明显差异，这一结论可能有偏，请谨慎解读",
            _ => "；改革前两组走势基本一致，比较的前提成立",
        };
        return $"{Name(m)}{verdict}{before}。";
    }

    /// <summary>
    /// The estimate's warnings less the pre-trend one, which the conclusion already says in plainer words (the
    /// answer's warning quotes the test's p-value).
    /// </summary>
    private static IEnumerable<string> Warnings(ImpactAnswer a) =>
        a.Estimate.Warnings.Where(w =>
            !(a.Estimate.PreTrend is { Rejected: true } && w.Contains("预趋势检验", StringComparison.Ordinal))
            && !(a.Estimate.PreTrend is null && w.StartsWith("改革前可比较的月份不足", StringComparison.Ordinal)));

    private static ReportChart Chart(ImpactAnswer a)
    {
        using var plot = ImpactChart.Build(a, "横轴为距改革月份的月数，0为完成机构整合的月份；改革前（阴影）曲线应接近0");
        return new ReportChart($"{Name(a.Measure)}：改革前后与未改革乡镇之差",
            plot.GetImageBytes(Width, Height, ImageFormat.Png), Width, Height);
    }

    private const int Width = 900;
    private const int Height = 460;

    /// <summary>"热线解决率": the measure's short name says which channel only in the hotline section.</summary>
    public static string Name(MeasureInfo m) =>
        m.Id.StartsWith("hotline_", StringComparison.Ordinal) ? "热线" + m.NameZh : m.NameZh;

    private static double Scale(MeasureInfo m) => m.Unit == "ratio" ? 100 : 1;

    private static string Unit(MeasureInfo m) => m.Unit == "ratio" ? "个百分点" : m.Unit == "score" ? "分" : "";
}
