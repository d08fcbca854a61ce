using Analytics.Warehouse.Measures;

namespace Analytics.Api.Workbench;

/// <summary>
/// The measures as the reform office reads them: a Chinese definition, unit and direction for each catalog id (the
/// catalog's own definitions are the developers' English).
/// </summary>
public static class MeasureTexts
{
    private static readonly Dictionary<string, string> Definitions = new(StringComparer.Ordinal)
    {
        ["institution_streamlining_rate"] = "截至期末已完成改革的乡镇：(改革前机构数 − 改革后机构数) 之和 ÷ 改革前机构数之和",
        ["institutions_integrated"] = "截至期末已完成改革的乡镇：改革前机构数 − 改革后机构数 之和",
        ["public_institution_streamlining_rate"] = "截至期末已完成改革的乡镇：(改革前事业单位数 − 改革后事业单位数) 之和 ÷ 改革前事业单位数之和",
        ["internal_body_streamlining_rate"] = "截至期末已完成改革的乡镇：(改革前内设机构数 − 改革后内设机构数) 之和 ÷ 改革前内设机构数之和",
        ["devolved_powers"] = "本期下放（赋权）到本地区乡镇的事项数，按“乡镇 + 事项”去重",
        ["devolving_departments"] = "本期向本地区乡镇下放事项的县级来源部门数（去重）",
        ["devolved_powers_per_township"] = "下放赋权事项数 ÷ 本期获得赋权的乡镇数",
        ["grid_count"] = "期内各网格最近一次快照中状态为“在用”的网格数",
        ["grid_members"] = "期内各网格最近一次快照中在用网格的专职 + 兼职网格员数",
        ["grid_members_per_grid"] = "网格员数 ÷ 网格数",
        ["grid_coverage_rate"] = "至少有一个在用网格的村（社区）数 ÷ 本地区村（社区）总数",
        ["grid_event_closure_rate"] = "本期上报的网格事件中已办结的件数 ÷ 本期上报件数（按上报时间）",
        ["hotline_tickets"] = "按来电月份统计，派往本地区乡镇街道的12345工单数",
        ["hotline_response_rate"] = "派单后在时限内（默认24小时）首次联系群众的工单数 ÷ 派单工单数",
        ["hotline_resolution_rate"] = "评价为“已解决”的工单数 ÷ 已回访评价的工单数（不含未回访）",
        ["hotline_satisfaction_rate"] = "评价为“满意”（默认含“基本满意”）的工单数 ÷ 已回访评价的工单数（不含未回访）",
        ["hotline_composite_score"] = "100 × (0.30 × 响应率 + 0.35 × 解决率 + 0.35 × 满意率)（默认权重）",
        ["whistles"] = "“吹哨”的12345工单数与执法案件数之和",
        ["enforcement_cases"] = "本期立案的综合执法案件数",
        ["joint_enforcement_operations"] = "本期立案且为联合执法的案件数",
        ["enforcement_personnel_times"] = "本期立案案件的出动执法人员数之和",
        ["staffing_approved"] = "当年核定编制数之和",
        ["staffing_actual"] = "当年实有人数之和",
        ["staffing_vacancy_rate"] = "(核定编制数 − 实有人数) ÷ 核定编制数（当年）",
        ["staff_recruited"] = "当年招录人数之和",
        ["posts_moved_down"] = "当年下沉到乡镇的编制数之和",
    };

    /// <summary>The Chinese definition; the English one for a measure added to the catalog without a translation.</summary>
    public static string Definition(Measure m) => Definitions.GetValueOrDefault(m.Id, m.Definition);

    public static bool HasDefinition(string id) => Definitions.ContainsKey(id);

    public static string Unit(Measure m) => m.Unit switch
    {
        MeasureUnit.Ratio when m.Id.EndsWith("_rate", StringComparison.Ordinal) => "百分比",
        MeasureUnit.Ratio => "比值",
        MeasureUnit.Score => "分",
        _ => "个/件/人",
    };

    public static string Direction(Measure m) => m.Direction switch
    {
        MeasureDirection.Up => "越高越好",
        MeasureDirection.Down => "越低越好",
        _ => "数量本身无好坏之分",
    };

    public static string Kind(Measure m) => m.Kind switch
    {
        MeasureKind.Flow => "期内流量",
        MeasureKind.Cumulative => "截至期末累计",
        _ => "期末状态",
    };

    /// <summary>True when the value is a share shown as a percent (rates), false for per-grid or per-township ratios.</summary>
    public static bool IsPercent(Measure m) => m.Unit == MeasureUnit.Ratio && m.Id.EndsWith("_rate", StringComparison.Ordinal);
}
