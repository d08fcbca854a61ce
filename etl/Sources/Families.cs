using Analytics.Warehouse.Measures;
using static Analytics.Etl.Sources.ColumnType;

namespace Analytics.Etl.Sources;

/// <summary>The source exports (docs/domain/sources.md), in load order: regions first, since the others refer to them.</summary>
public static class Families
{
    private static readonly string[] Levels = ["省", "市", "县", "乡镇", "村社区"];
    private static readonly string[] Kinds = ["乡", "镇", "街道", "社区", "村"];

    public static SourceFamily Regions { get; } = new(
        "regions", "stg_regions", SourceFormat.Csv, "regions",
        [
            new("区划代码", "code", Required: true),
            new("名称", "name", Required: true),
            new("级别", "level", Required: true, Values: Levels),
            new("类型", "kind", Values: Kinds),
            new("上级代码", "parent_code"),
            new("常住人口", "population", Integer, NonNegative: true, Sql: "BIGINT"),
            new("面积(平方公里)", "area_km2", Number, NonNegative: true, Sql: "DECIMAL(12, 2)"),
            new("经济发达镇", "developed_town", YesNo),
            new("改革试点", "pilot", YesNo),
        ],
        ["code"],
        [
            new("code", "NOT regexp_full_match(code, '[0-9]{12}')", "'区划代码 ' || code || ' is not a 12-digit division code'"),
            new("parent_code", "parent_code IS NULL AND level <> '省'", "'上级代码 is required below 省 level'"),
            new("parent_code",
                "parent_code IS NOT NULL AND parent_code NOT IN (SELECT trim(code) FROM batch WHERE code IS NOT NULL) AND parent_code NOT IN (SELECT code FROM stg_regions)",
                "'上级代码 ' || parent_code || ' is not a region in this file or the warehouse'"),
        ]);

    public static SourceFamily InstitutionReforms { get; } = new(
        "institution_reforms", "stg_institution_reforms", SourceFormat.Xlsx, "reform/institutions",
        [
            new("区划代码", "township_code", Required: true, Region: true),
            new("改革完成日期", "completed_on", Date, Required: true),
            new("机构设置模式", "model"),
            new("改革前机构数", "bodies_before", Integer, Required: true, NonNegative: true),
            new("改革后机构数", "bodies_after", Integer, Required: true, NonNegative: true),
            new("改革前事业单位数", "institutions_before", Integer, NonNegative: true),
            new("改革后事业单位数", "institutions_after", Integer, NonNegative: true),
            new("改革前内设机构数", "internal_before", Integer, NonNegative: true),
            new("改革后内设机构数", "internal_after", Integer, NonNegative: true),
        ],
        ["township_code"],
        [
            AfterNotAbove("bodies", "改革后机构数", "改革前机构数"),
            AfterNotAbove("institutions", "改革后事业单位数", "改革前事业单位数"),
            AfterNotAbove("internal", "改革后内设机构数", "改革前内设机构数"),
        ]);

    public static SourceFamily DevolvedPowers { get; } = new(
        "devolved_powers", "stg_devolved_powers", SourceFormat.Csv, "reform/devolved_powers",
        [
            new("区划代码", "township_code", Required: true, Region: true),
            new("事项编码", "item_code", Required: true),
            new("事项名称", "item_name"),
            new("来源部门", "source_department", Required: true),
            new("赋权方式", "method", Required: true, Values: ["交办", "委托", "授权", "下放"]),
            new("赋权日期", "devolved_on", Date, Required: true),
            new("目录", "catalogue", Values: ["省级目录", "一镇一目录", "其他"]),
        ],
        ["township_code", "item_code"],
        []);

    public static SourceFamily GridSnapshots { get; } = new(
        "grid_snapshots", "stg_grid_snapshots", SourceFormat.Jsonl, "grids/grids",
        [
            new("grid_code", "grid_code", Required: true),
            new("grid_name", "grid_name"),
            new("community_code", "community_code", Required: true, Region: true),
            new("snapshot_date", "snapshot_date", Date, Required: true),
            new("members_full_time", "members_full_time", Integer, Required: true, NonNegative: true),
            new("members_part_time", "members_part_time", Integer, Required: true, NonNegative: true),
            new("households", "households", Integer, NonNegative: true),
            new("population", "population", Integer, NonNegative: true),
            new("status", "status", Required: true, Values: ["active", "inactive"]),
        ],
        ["grid_code", "snapshot_date"],
        []);

    public static SourceFamily GridEvents { get; } = new(
        "grid_events", "stg_grid_events", SourceFormat.Jsonl, "grids/events",
        [
            new("event_id", "event_id", Required: true),
            new("grid_code", "grid_code", Required: true),
            new("category", "category"),
            new("reported_at", "reported_at", Timestamp, Required: true),
            new("dispatched_at", "dispatched_at", Timestamp),
            new("closed_at", "closed_at", Timestamp),
            new("status", "status", Required: true, Values: ["closed", "open", "in_progress"]),
            new("source", "source", Values: ["patrol", "hotline", "camera", "drone"]),
        ],
        ["event_id"],
        [
            new("grid_code", "grid_code NOT IN (SELECT grid_code FROM stg_grid_snapshots)",
                "'grid_code ' || grid_code || ' is not a grid of any loaded snapshot'"),
            new("dispatched_at", "dispatched_at < reported_at", "'dispatched_at is before reported_at'"),
            new("closed_at", "closed_at < reported_at", "'closed_at is before reported_at'"),
            new("closed_at", "status = 'closed' AND closed_at IS NULL", "'status is closed but closed_at is empty'"),
        ])
    { MonthColumn = "reported_at" };

    public static SourceFamily HotlineTickets { get; } = new(
        "hotline_tickets", "stg_hotline_tickets", SourceFormat.Csv, "cases/hotline",
        [
            new("工单编号", "ticket_id", Required: true),
            new("来电时间", "received_at", Timestamp, Required: true),
            new("诉求人", "caller_name", Personal: Personal.Drop),
            new("联系电话", "caller_hash", Personal: Personal.Hash),
            new("诉求内容", "content", Personal: Personal.Drop),
            new("诉求类别", "category"),
            new("承办单位代码", "township_code", Required: true, Region: true),
            new("派单时间", "dispatched_at", Timestamp, Required: true),
            new("首次联系时间", "first_contact_at", Timestamp),
            new("办结时间", "closed_at", Timestamp),
            new("是否解决", "resolved", Required: true, Values: ["已解决", "未解决", "未回访"]),
            new("满意度", "satisfaction", Required: true, Values: ["满意", "基本满意", "不满意", "未回访"]),
            new("是否吹哨", "whistle", YesNo, Required: true),
            new("报到部门", "responding_department"),
        ],
        ["ticket_id"],
        [
            new("dispatched_at", "dispatched_at < received_at", "'派单时间 is before 来电时间'"),
            new("first_contact_at", "first_contact_at < dispatched_at", "'首次联系时间 is before 派单时间'"),
            new("closed_at", "closed_at < dispatched_at", "'办结时间 is before 派单时间'"),
        ])
    { MonthColumn = "received_at" };

    public static SourceFamily EnforcementCases { get; } = new(
        "enforcement_cases", "stg_enforcement_cases", SourceFormat.Csv, "cases/enforcement",
        [
            new("案件编号", "case_id", Required: true),
            new("区划代码", "township_code", Required: true, Region: true),
            new("执法领域", "domain", Required: true),
            new("立案日期", "opened_on", Date, Required: true),
            new("结案日期", "closed_on", Date),
            new("是否联合执法", "joint", YesNo, Required: true),
            new("出动人员", "personnel", Integer, NonNegative: true),
            new("处置结果", "outcome", Values: ["处罚", "责令整改", "移送", "不予处罚"]),
            new("罚没金额(元)", "fine_yuan", Number, NonNegative: true, Sql: "DECIMAL(18, 2)"),
            new("是否吹哨", "whistle", YesNo, Required: true),
        ],
        ["case_id"],
        [new("closed_on", "closed_on < opened_on", "'结案日期 is before 立案日期'")])
    { MonthColumn = "opened_on" };

    public static SourceFamily Staffing { get; } = new(
        "staffing", "stg_staffing", SourceFormat.Xlsx, "staffing/staffing",
        [
            new("单位编码", "unit_code", Required: true),
            new("单位名称", "unit_name", Required: true),
            new("区划代码", "region_code", Required: true, Region: true),
            new("单位类别", "unit_kind", Required: true, Values: ["党政机构", "事业单位", "派驻机构"]),
            new("编制类型", "post_kind", Required: true, Values: ["行政编制", "事业编制"]),
            new("年度", "year", Integer, Required: true),
            new("核定编制", "approved", Integer, Required: true, NonNegative: true),
            new("实有人数", "actual", Integer, NonNegative: true),
            new("当年招录", "recruited", Integer, NonNegative: true),
            new("下沉编制", "moved_down", Integer, NonNegative: true),
        ],
        ["unit_code", "post_kind", "year"],
        [new("year", "year NOT BETWEEN 1949 AND 2100", "'年度 ' || year || ' is not a plausible year'")]);

    public static SourceFamily PublishedFigures { get; } = new(
        "published_figures", "stg_published_figures", SourceFormat.Csv, "published/figures",
        [
            new("region_code", "region_code", Required: true),
            new("indicator", "indicator", Required: true, Values: MeasureCatalog.All.Select(m => m.Id).ToArray()),
            new("period", "period", Required: true),
            new("value", "value", Number, Required: true),
            new("source_document", "source_document"),
            new("quote", "quote"),
        ],
        ["region_code", "indicator", "period"],
        [
            new("region_code",
                "EXISTS (SELECT 1 FROM unnest(string_split(region_code, '+')) AS r(c) WHERE c NOT IN (SELECT code FROM stg_regions))",
                "'region_code ' || region_code || ' names a region the warehouse does not have'"),
            new("period", "NOT regexp_full_match(period, '[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2])|\\.\\.[0-9]{4})?')",
                "'period ' || period || ' is not YYYY, YYYY-Qn, YYYY-MM or YYYY..YYYY'"),
        ]);

    public static IReadOnlyList<SourceFamily> All { get; } =
    [
        Regions, InstitutionReforms, DevolvedPowers, GridSnapshots, GridEvents,
        HotlineTickets, EnforcementCases, Staffing, PublishedFigures,
    ];

    private static RowRule AfterNotAbove(string stem, string afterHeader, string beforeHeader) =>
        new($"{stem}_after", $"{stem}_after > {stem}_before",
            $"'{afterHeader} ' || {stem}_after || ' is above {beforeHeader} ' || {stem}_before");
}
