namespace Analytics.Warehouse.Measures;

/// <summary>
/// The one list of measures. The marts SQL computes exactly these ids (a test holds them together); the API, charts,
/// reports and forecasts read names, units and kinds from here.
/// </summary>
public static class MeasureCatalog
{
    private const string Years = "year";

    public static IReadOnlyList<Measure> All { get; } =
    [
        new(MeasureIds.InstitutionStreamliningRate, "机构精简率", "Institution streamlining rate",
            "sum(bodies_before - bodies_after) / sum(bodies_before) over reforms completed by the period's end",
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform"),
        new(MeasureIds.InstitutionsIntegrated, "整合精简机构数", "Institutions integrated",
            "sum(bodies_before - bodies_after) over reforms completed by the period's end",
            MeasureUnit.Count, MeasureKind.Cumulative, "reform"),
        new(MeasureIds.PublicInstitutionStreamliningRate, "事业单位精简率", "Public institution streamlining rate",
            "sum(institutions_before - institutions_after) / sum(institutions_before) over reforms completed by the period's end",
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform"),
        new(MeasureIds.InternalBodyStreamliningRate, "内设机构精简率", "Internal body streamlining rate",
            "sum(internal_before - internal_after) / sum(internal_before) over reforms completed by the period's end",
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform"),
        new(MeasureIds.DevolvedPowers, "下放赋权事项数", "Devolved powers",
            "distinct (township, item) pairs devolved to townships in the region during the period",
            MeasureUnit.Count, MeasureKind.Flow, "devolution"),
        new(MeasureIds.DevolvingDepartments, "赋权来源部门数", "Devolving departments",
            "distinct source departments that devolved items to townships in the region during the period",
            MeasureUnit.Count, MeasureKind.Flow, "devolution", MeasureDirection.None),
        new(MeasureIds.DevolvedPowersPerTownship, "乡镇平均赋权事项数", "Devolved powers per township",
            "devolved_powers / townships that received any during the period",
            MeasureUnit.Ratio, MeasureKind.Flow, "devolution"),
        new(MeasureIds.GridCount, "网格数", "Grids",
            "active grids in each grid's latest snapshot inside the period",
            MeasureUnit.Count, MeasureKind.Snapshot, "grids", MeasureDirection.None),
        new(MeasureIds.GridMembers, "网格员数", "Grid members",
            "full-time + part-time members of active grids in each grid's latest snapshot inside the period",
            MeasureUnit.Count, MeasureKind.Snapshot, "grids", MeasureDirection.None),
        new(MeasureIds.GridMembersPerGrid, "每网格网格员数", "Grid members per grid",
            "grid_members / grid_count", MeasureUnit.Ratio, MeasureKind.Snapshot, "grids", MeasureDirection.None),
        new(MeasureIds.GridCoverageRate, "网格覆盖率", "Grid coverage rate",
            "communities (村/社区) with at least one active grid / communities in the region",
            MeasureUnit.Ratio, MeasureKind.Snapshot, "grids"),
        new(MeasureIds.GridEventClosureRate, "网格事件办结率", "Grid event closure rate",
            "events closed / events reported in the period (by reporting time)",
            MeasureUnit.Ratio, MeasureKind.Flow, "grids"),
        new(MeasureIds.HotlineTickets, "12345工单数", "Hotline tickets",
            "tickets dispatched to townships in the region, by month received",
            MeasureUnit.Count, MeasureKind.Flow, "hotline", MeasureDirection.None),
        new(MeasureIds.HotlineResponseRate, "响应率", "Hotline response rate",
            "tickets first contacted within the limit (default 24 h after dispatch) / tickets dispatched",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline"),
        new(MeasureIds.HotlineResolutionRate, "解决率", "Hotline resolution rate",
            "tickets rated 已解决 / tickets with a rating (not 未回访)",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline"),
        new(MeasureIds.HotlineSatisfactionRate, "满意率", "Hotline satisfaction rate",
            "tickets rated 满意 (and 基本满意 unless configured otherwise) / tickets with a rating (not 未回访)",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline"),
        new(MeasureIds.HotlineCompositeScore, "接诉即办综合得分", "Hotline composite score",
            "100 × (w1 × response + w2 × resolution + w3 × satisfaction), default weights 0.30 / 0.35 / 0.35",
            MeasureUnit.Score, MeasureKind.Flow, "hotline"),
        new(MeasureIds.Whistles, "吹哨次数", "Whistles",
            "hotline tickets and enforcement cases with whistle = 是",
            MeasureUnit.Count, MeasureKind.Flow, "hotline", MeasureDirection.None),
        new(MeasureIds.EnforcementCases, "执法案件数", "Enforcement cases",
            "enforcement cases opened in the period", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None),
        new(MeasureIds.JointEnforcementOperations, "联合执法次数", "Joint enforcement operations",
            "cases opened in the period with joint = 是", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None),
        new(MeasureIds.EnforcementPersonnelTimes, "出动执法人次", "Enforcement personnel-times",
            "sum(personnel) of cases opened in the period", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None),
        new(MeasureIds.StaffingApproved, "核定编制数", "Approved posts",
            "sum(approved) for the year", MeasureUnit.Count, MeasureKind.Snapshot, "staffing", MeasureDirection.None, Years),
        new(MeasureIds.StaffingActual, "实有人数", "Actual staff",
            "sum(actual) for the year", MeasureUnit.Count, MeasureKind.Snapshot, "staffing", MeasureDirection.None, Years),
        new(MeasureIds.StaffingVacancyRate, "编制空缺率", "Staffing vacancy rate",
            "(sum(approved) - sum(actual)) / sum(approved) for the year",
            MeasureUnit.Ratio, MeasureKind.Snapshot, "staffing", MeasureDirection.Down, Grains: Years),
        new(MeasureIds.StaffRecruited, "当年招录人数", "Staff recruited",
            "sum(recruited) for the year", MeasureUnit.Count, MeasureKind.Flow, "staffing", MeasureDirection.None, Years),
        new(MeasureIds.PostsMovedDown, "下沉编制数", "Posts moved down",
            "sum(moved_down) for the year", MeasureUnit.Count, MeasureKind.Flow, "staffing", Grains: Years),
    ];

    private static readonly Dictionary<string, Measure> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static Measure? Find(string id) => ById.GetValueOrDefault(id);
}
