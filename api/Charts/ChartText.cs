using System.Globalization;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Charts;

/// <summary>How charts and reports write periods, values and units in Chinese.</summary>
public static class ChartText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A measure shown in percent: a rate (id ending in _rate). Other ratios of the catalog are averages per township
    /// or per grid and stay plain numbers.
    /// </summary>
    public static bool IsPercent(Measure m) => m.Unit is MeasureUnit.Ratio && m.Id.EndsWith("_rate", StringComparison.Ordinal);

    public static string Value(Measure m, double? value) => value switch
    {
        null => "—",
        double v when IsPercent(m) => (v * 100).ToString("0.0", Invariant) + "%",
        double v when m.Unit is MeasureUnit.Count => v.ToString("#,0", Invariant),
        // Scores to two decimals always: 99.1 above 98.95 in one column read as different precisions.
        double v when m.Unit is MeasureUnit.Score => v.ToString("0.00", Invariant),
        double v => v.ToString("0.0#", Invariant),
    };

    /// <summary>A change: percentage points for rates (百分点), the measure's unit otherwise, signed.</summary>
    public static string Change(Measure m, double? change) => change switch
    {
        null => "—",
        double c when IsPercent(m) => (c * 100).ToString("+0.0;-0.0;0.0", Invariant) + "个百分点",
        double c when m.Unit is MeasureUnit.Count => c.ToString("+#,0;-#,0;0", Invariant),
        double c => c.ToString("+0.0#;-0.0#;0.0", Invariant),
    };

    /// <summary>
    /// The change from <paramref name="before"/> to <paramref name="now"/> as reports write 同比 and 环比: a rate in
    /// 个百分点, a score in 分, a count or other value in per cent of the earlier value ("—" when either is missing or
    /// the earlier value is 0).
    /// </summary>
    public static string ChangeBetween(Measure m, double? now, double? before)
    {
        if (now is not { } a || before is not { } b)
            return "—";
        if (IsPercent(m))
            return ((a - b) * 100).ToString("+0.0;-0.0;0.0", Invariant) + "个百分点";
        if (m.Unit is MeasureUnit.Score)
            return (a - b).ToString("+0.0;-0.0;0.0", Invariant) + "分";
        return b == 0 ? "—" : ((a - b) / b * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%";
    }

    /// <summary>A rate's Wilson 95% interval as text, e.g. 80.1%～99.2%.</summary>
    public static string Interval(Measure m, double? low, double? high) =>
        low is null || high is null ? "—" : $"{Value(m, low)}～{Value(m, high)}";

    /// <summary>The axis label: the measure's Chinese name and its unit.</summary>
    public static string Axis(Measure m) => m.NameZh + (IsPercent(m) ? "（%）" : m.Unit is MeasureUnit.Score ? "（分）" : "");

    /// <summary>2024-07 → 2024年7月, 2024-Q3 → 2024年第三季度, 2024 → 2024年.</summary>
    public static string Period(string period)
    {
        if (period.Length == 4)
            return period + "年";
        if (period.Length == 7 && period[5] == 'Q')
            return $"{period[..4]}年第{"一二三四"[period[6] - '1']}季度";
        if (period.Length == 7)
            return $"{period[..4]}年{int.Parse(period[5..], Invariant)}月";
        return period;
    }

    /// <summary>The line under every chart: where the figures come from and for which period.</summary>
    public static string Source(string periodText) => $"数据来源：乡镇街道改革业务数据汇总  期间：{periodText}";
}
