using System.Globalization;

namespace Analytics.Impact;

/// <summary>
/// The warnings an estimate carries, in plain Chinese for the reform office: groups too small to trust, a failed
/// pre-trend test, months after the reform nobody could be compared in, townships reformed before the data begins.
/// </summary>
internal static class ImpactWarnings
{
    public static List<string> For(ImpactEstimate r, ImpactOptions options)
    {
        var warnings = new List<string>();
        if (r.Overall is null)
            warnings.Add("改革后没有任何月份能找到尚未改革的乡镇作对照，无法估计改革效果。");
        if (r.TreatedUnits < options.MinGroup)
            warnings.Add($"参与估计的已改革乡镇只有{r.TreatedUnits}个（少于{options.MinGroup}个），估计很不稳定，请谨慎解读。");
        if (r.ComparisonUnits < options.MinGroup)
            warnings.Add($"可作对照的尚未改革乡镇只有{r.ComparisonUnits}个（少于{options.MinGroup}个），估计很不稳定，请谨慎解读。");
        if (r.PreTrend is { Rejected: true } pre)
            warnings.Add($"改革前各月已改革与未改革乡镇的走势已有明显差异（预趋势检验 p={P(pre.PValue)}），“两组本应同步变化”的前提可能不成立，效果估计可能有偏。");
        else if (r.PreTrend is null)
            warnings.Add("改革前可比较的月份不足，无法检验两组在改革前是否同步变化。");
        var missing = r.Events.Where(e => e.EventTime >= 0 && e.Estimate is null).Select(e => e.EventTime).ToList();
        if (missing.Count > 0 && r.Overall is not null)
            warnings.Add($"改革后第{missing.Min()}个月起有{missing.Count}个月份已没有尚未改革的乡镇可作对照，这些月份不作估计，总体效果只平均到改革后第{r.Overall.LastEventTime}个月。");
        if (r.AlwaysTreatedUnits > 0)
            warnings.Add($"{r.AlwaysTreatedUnits}个乡镇在数据起始月份前已完成改革，没有改革前的数据，不参与估计。");
        return warnings;
    }

    private static string P(double p) => p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
