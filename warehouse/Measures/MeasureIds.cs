namespace Analytics.Warehouse.Measures;

/// <summary>
/// The catalog's ids as constants, for code that names a measure: a typo is a build error, not an empty chart.
/// Kept by hand beside <see cref="MeasureCatalog"/>; a test holds the two lists equal.
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
