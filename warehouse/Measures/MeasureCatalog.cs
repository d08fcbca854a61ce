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
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform")
        { Sql = new("reforms", "bodies_cut", "bodies_before") },
        new(MeasureIds.InstitutionsIntegrated, "整合精简机构数", "Institutions integrated",
            "sum(bodies_before - bodies_after) over reforms completed by the period's end",
            MeasureUnit.Count, MeasureKind.Cumulative, "reform")
        { Sql = new("reforms", "bodies_cut") },
        new(MeasureIds.PublicInstitutionStreamliningRate, "事业单位精简率", "Public institution streamlining rate",
            "sum(institutions_before - institutions_after) / sum(institutions_before) over reforms completed by the period's end",
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform")
        { Sql = new("reforms", "institutions_cut", "institutions_before") },
        new(MeasureIds.InternalBodyStreamliningRate, "内设机构精简率", "Internal body streamlining rate",
            "sum(internal_before - internal_after) / sum(internal_before) over reforms completed by the period's end",
            MeasureUnit.Ratio, MeasureKind.Cumulative, "reform")
        { Sql = new("reforms", "internal_cut", "internal_before") },
        new(MeasureIds.DevolvedPowers, "下放赋权事项数", "Devolved powers",
            "distinct (township, item) pairs devolved to townships in the region during the period",
            MeasureUnit.Count, MeasureKind.Flow, "devolution")
        { Sql = new("devolution", "pairs") },
        new(MeasureIds.DevolvingDepartments, "赋权来源部门数", "Devolving departments",
            "distinct source departments that devolved items to townships in the region during the period",
            MeasureUnit.Count, MeasureKind.Flow, "devolution", MeasureDirection.None)
        { Sql = new("devolution", "departments") },
        new(MeasureIds.DevolvedPowersPerTownship, "乡镇平均赋权事项数", "Devolved powers per township",
            "devolved_powers / townships that received any during the period",
            MeasureUnit.Ratio, MeasureKind.Flow, "devolution")
        { Sql = new("devolution", "pairs", "townships") },
        new(MeasureIds.GridCount, "网格数", "Grids",
            "active grids in each grid's latest snapshot inside the period",
            MeasureUnit.Count, MeasureKind.Snapshot, "grids", MeasureDirection.None)
        { Sql = new("grids", "grids") },
        new(MeasureIds.GridMembers, "网格员数", "Grid members",
            "full-time + part-time members of active grids in each grid's latest snapshot inside the period",
            MeasureUnit.Count, MeasureKind.Snapshot, "grids", MeasureDirection.None)
        { Sql = new("grids", "members") },
        new(MeasureIds.GridMembersPerGrid, "每网格网格员数", "Grid members per grid",
            "grid_members / grid_count", MeasureUnit.Ratio, MeasureKind.Snapshot, "grids", MeasureDirection.None)
        { Sql = new("grids", "members", "grids") },
        new(MeasureIds.GridCoverageRate, "网格覆盖率", "Grid coverage rate",
            "communities (村/社区) with at least one active grid / communities in the region",
            MeasureUnit.Ratio, MeasureKind.Snapshot, "grids")
        { Sql = new("grids", "covered", "communities") },
        new(MeasureIds.GridEventClosureRate, "网格事件办结率", "Grid event closure rate",
            "events closed / events reported in the period (by reporting time)",
            MeasureUnit.Ratio, MeasureKind.Flow, "grids")
        { Sql = new("rollup", "events_closed", "events") },
        new(MeasureIds.HotlineTickets, "12345工单数", "Hotline tickets",
            "tickets dispatched to townships in the region, by month received",
            MeasureUnit.Count, MeasureKind.Flow, "hotline", MeasureDirection.None)
        { Sql = new("rollup", "tickets") },
        new(MeasureIds.HotlineResponseRate, "响应率", "Hotline response rate",
            "tickets first contacted within the limit (default 24 h after dispatch) / tickets dispatched",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline")
        { Sql = new("rollup", "responded", "tickets") },
        new(MeasureIds.HotlineResolutionRate, "解决率", "Hotline resolution rate",
            "tickets rated 已解决 / tickets with a rating (not 未回访)",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline")
        { Sql = new("rollup", "resolved", "resolution_rated") },
        new(MeasureIds.HotlineSatisfactionRate, "满意率", "Hotline satisfaction rate",
            "tickets rated 满意 (and 基本满意 unless configured otherwise) / tickets with a rating (not 未回访)",
            MeasureUnit.Ratio, MeasureKind.Flow, "hotline")
        { Sql = new("rollup", "satisfied", "satisfaction_rated") },
        new(MeasureIds.HotlineCompositeScore, "接诉即办综合得分", "Hotline composite score",
            "100 × (w1 × response + w2 × resolution + w3 × satisfaction), default weights 0.30 / 0.35 / 0.35",
            MeasureUnit.Score, MeasureKind.Flow, "hotline")
        {
            Sql = new("rollup", null, Value: """
                CASE WHEN tickets > 0 AND resolution_rated > 0 AND satisfaction_rated > 0
                     THEN round(100 * (getvariable('weight_response') * responded / tickets
                                       + getvariable('weight_resolution') * resolved / resolution_rated
                                       + getvariable('weight_satisfaction') * satisfied / satisfaction_rated), 9) END
                """),
        },
        new(MeasureIds.Whistles, "吹哨次数", "Whistles",
            "hotline tickets and enforcement cases with whistle = 是",
            MeasureUnit.Count, MeasureKind.Flow, "hotline", MeasureDirection.None)
        { Sql = new("rollup", "whistles") },
        new(MeasureIds.EnforcementCases, "执法案件数", "Enforcement cases",
            "enforcement cases opened in the period", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None)
        { Sql = new("rollup", "cases") },
        new(MeasureIds.JointEnforcementOperations, "联合执法次数", "Joint enforcement operations",
            "cases opened in the period with joint = 是", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None)
        { Sql = new("rollup", "joint_cases") },
        new(MeasureIds.EnforcementPersonnelTimes, "出动执法人次", "Enforcement personnel-times",
            "sum(personnel) of cases opened in the period", MeasureUnit.Count, MeasureKind.Flow, "enforcement", MeasureDirection.None)
        { Sql = new("rollup", "personnel") },
        new(MeasureIds.StaffingApproved, "核定编制数", "Approved posts",
            "sum(approved) for the year", MeasureUnit.Count, MeasureKind.Snapshot, "staffing", MeasureDirection.None, Years)
        { Sql = new("staffing", "approved") },
        new(MeasureIds.StaffingActual, "实有人数", "Actual staff",
            "sum(actual) for the year", MeasureUnit.Count, MeasureKind.Snapshot, "staffing", MeasureDirection.None, Years)
        { Sql = new("staffing", "actual") },
        new(MeasureIds.StaffingVacancyRate, "编制空缺率", "Staffing vacancy rate",
            "(sum(approved) - sum(actual)) / sum(approved) for the year",
            MeasureUnit.Ratio, MeasureKind.Snapshot, "staffing", MeasureDirection.Down, Grains: Years)
        { Sql = new("staffing", "approved_with_actual - actual", "approved_with_actual") },
        new(MeasureIds.StaffRecruited, "当年招录人数", "Staff recruited",
            "sum(recruited) for the year", MeasureUnit.Count, MeasureKind.Flow, "staffing", MeasureDirection.None, Years)
        { Sql = new("staffing", "recruited") },
        new(MeasureIds.PostsMovedDown, "下沉编制数", "Posts moved down",
            "sum(moved_down) for the year", MeasureUnit.Count, MeasureKind.Flow, "staffing", Grains: Years)
        { Sql = new("staffing", "moved_down") },
    ];

    private static readonly Dictionary<string, Measure> ById = All.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public static Measure? Find(string id) => ById.GetValueOrDefault(id);
}


/// <summary>
/// The catalog's ids as constants, for code that names a measure: a typo is a build error, not an empty chart.
/// Declared in this file beside <see cref="MeasureCatalog"/>, so a new measure is one file; a test holds the two lists equal.
/// </summary>
public static class MeasureIds
{
    /// <summary>机构精简率</summary>
    public const string InstitutionStreamliningRate = "institution_streamlining_rate";
    /// <summary>整合精简机构数</summary>
    public const string InstitutionsIntegrated = "institutions_integrated";
    /// <summary>事业单位精简率</summary>
    public const string PublicInstitutionStreamliningRate = "public_institution_streamlining_rate";
    /// <summary>内设机构精简率</summary>
    public const string InternalBodyStreamliningRate = "internal_body_streamlining_rate";
    /// <summary>下放赋权事项数</summary>
    public const string DevolvedPowers = "devolved_powers";
    /// <summary>赋权来源部门数</summary>
    public const string DevolvingDepartments = "devolving_departments";
    /// <summary>乡镇平均赋权事项数</summary>
    public const string DevolvedPowersPerTownship = "devolved_powers_per_township";
    /// <summary>网格数</summary>
    public const string GridCount = "grid_count";
    /// <summary>网格员数</summary>
    public const string GridMembers = "grid_members";
    /// <summary>每网格网格员数</summary>
    public const string GridMembersPerGrid = "grid_members_per_grid";
    /// <summary>网格覆盖率</summary>
    public const string GridCoverageRate = "grid_coverage_rate";
    /// <summary>网格事件办结率</summary>
    public const string GridEventClosureRate = "grid_event_closure_rate";
    /// <summary>12345工单数</summary>
    public const string HotlineTickets = "hotline_tickets";
    /// <summary>响应率</summary>
    public const string HotlineResponseRate = "hotline_response_rate";
    /// <summary>解决率</summary>
    public const string HotlineResolutionRate = "hotline_resolution_rate";
    /// <summary>满意率</summary>
    public const string HotlineSatisfactionRate = "hotline_satisfaction_rate";
    /// <summary>接诉即办综合得分</summary>
    public const string HotlineCompositeScore = "hotline_composite_score";
    /// <summary>吹哨次数</summary>
    public const string Whistles = "whistles";
    /// <summary>执法案件数</summary>
    public const string EnforcementCases = "enforcement_cases";
    /// <summary>联合执法次数</summary>
    public const string JointEnforcementOperations = "joint_enforcement_operations";
    /// <summary>出动执法人次</summary>
    public const string EnforcementPersonnelTimes = "enforcement_personnel_times";
    /// <summary>核定编制数</summary>
    public const string StaffingApproved = "staffing_approved";
    /// <summary>实有人数</summary>
    public const string StaffingActual = "staffing_actual";
    /// <summary>编制空缺率</summary>
    public const string StaffingVacancyRate = "staffing_vacancy_rate";
    /// <summary>当年招录人数</summary>
    public const string StaffRecruited = "staff_recruited";
    /// <summary>下沉编制数</summary>
    public const string PostsMovedDown = "posts_moved_down";
}
