using System.ComponentModel;
using System.Text;
using LinqToDB.Internal.Mapping;
using LinqToDB.Mapping;

namespace Analytics.Api.Data;

// The warehouse tables and views the API reads. Property names map to snake_case columns (WarehouseMapping);
// [Description] texts become Core.Description annotations in $metadata. No personal data is mapped: the ticket view
// has no caller name, phone or content.
// [NotNull] marks the region and key columns the warehouse declares NOT NULL: without it linq2db compares two such
// columns null-safely (a = b OR a IS NULL AND b IS NULL), an OR DuckDB cannot use as a hash-join key (the trend's
// join on period, the region scope).

[Table("dim_region", IsColumnAttributeRequired = false)]
[Description("A region of the statistical division hierarchy: province > city > county > township level > community or village.")]
public sealed class Region
{
    [Description("12-digit statistical division code (2 province + 2 city + 2 county + 3 township + 3 village).")]
    [NotNull]
    public string Code { get; set; } = "";
    [Description("Name in Chinese, e.g. 宝鸡市.")]
    public string Name { get; set; } = "";
    [Description("Level in Chinese: 省, 市, 县, 乡镇 or 村社区.")]
    public string Level { get; set; } = "";
    [Description("Level in English: province, city, county, township or community.")]
    public string LevelEn { get; set; } = "";
    [Description("Level as a number: 1 province, 2 city, 3 county, 4 township level, 5 community or village.")]
    public int LevelRank { get; set; }
    [Description("Kind in Chinese: 乡, 镇 or 街道 at township level; 社区 or 村 below; empty above.")]
    public string? Kind { get; set; }
    [Description("Kind in English: township, town, street, community or village.")]
    public string? KindEn { get; set; }
    [Description("Code of the region directly above; empty for a province.")]
    public string? ParentCode { get; set; }
    [Description("Resident population (常住人口), where the source gives it.")]
    public long? Population { get; set; }
    [Description("Area in square kilometres, where the source gives it.")]
    public decimal? AreaKm2 { get; set; }
    [Description("Economically developed town (经济发达镇).")]
    public bool DevelopedTown { get; set; }
    [Description("Reform pilot (改革试点).")]
    public bool Pilot { get; set; }
}

[Table("region_closure", IsColumnAttributeRequired = false)]
public sealed class RegionClosure
{
    [NotNull]
    public string Code { get; set; } = "";
    [NotNull]
    public string AncestorCode { get; set; } = "";
    public int Depth { get; set; }
}

[Table("dim_measure", IsColumnAttributeRequired = false)]
[Description("A measure of the reform; definitions in the Measures set and docs/domain/measures.md. Its id is part of the public API.")]
// Named apart from the catalog's Analytics.Warehouse.Measures.Measure; the OData type keeps the name Measure.
public sealed class MeasureRow
{
    [Description("Stable measure id, e.g. hotline_response_rate.")]
    public string Id { get; set; } = "";
    [Description("Name in Chinese.")]
    public string NameZh { get; set; } = "";
    [Description("Name in English.")]
    public string NameEn { get; set; } = "";
    [Description("How the value is computed. Rates are sum(numerator) / sum(denominator) at the grain asked for, never an average of rates.")]
    public string Definition { get; set; } = "";
    [Description("Unit: count, ratio (0..1) or score (0..100).")]
    public string Unit { get; set; } = "";
    [Description("flow (adds up over the months of a period), cumulative (a flow summed from the start to the period's end) or snapshot (latest state inside the period).")]
    public string Kind { get; set; } = "";
    [Description("Source family: reform, devolution, grids, hotline, enforcement or staffing.")]
    public string Family { get; set; } = "";
    [Description("True when a higher value ranks first among siblings.")]
    public bool HigherIsBetter { get; set; }
    [Description("Comma-separated period grains the measure has values for: month, quarter, year.")]
    public string Grains { get; set; } = "";
    [Description("up (higher is better), down (lower is better) or none (a volume, neither good nor bad: no colours, no improvement or deterioration).")]
    public string? Direction { get; set; }
}

[Table("measure_values", IsColumnAttributeRequired = false)]
[Description("The value of one measure for one region and period, with its numerator, denominator and the comparison with siblings, parent and previous period.")]
public sealed class MeasureValue
{
    [Description("Region code (see Regions).")]
    [NotNull]
    public string RegionCode { get; set; } = "";
    [Description("Region name in Chinese.")]
    public string RegionName { get; set; } = "";
    [Description("Region level in English: province, city, county, township or community.")]
    public string RegionLevel { get; set; } = "";
    [Description("Code of the parent region.")]
    public string? ParentCode { get; set; }
    [Description("Period: a month 2024-07, a quarter 2024-Q3 or a year 2024.")]
    [NotNull]
    public string Period { get; set; } = "";
    [Description("Grain of the period: month, quarter or year.")]
    public string PeriodGrain { get; set; } = "";
    [Description("Measure id (see Measures and the MeasureId enumeration in this document).")]
    [NotNull]
    public string MeasureId { get; set; } = "";
    [Description("The value: numerator / denominator for rates, the count for counts.")]
    public double? Value { get; set; }
    [Description("Sum of numerators at this grain (e.g. tickets responded in time).")]
    public long? Numerator { get; set; }
    [Description("Sum of denominators at this grain (e.g. tickets dispatched); empty for counts.")]
    public long? Denominator { get; set; }
    [Description("Rank among siblings (same parent, same level) for this measure and period; 1 is best.")]
    public long? SiblingRank { get; set; }
    [Description("Number of siblings ranked, this region included.")]
    public long? SiblingCount { get; set; }
    [Description("The parent region's value for the same measure and period.")]
    public double? ParentValue { get; set; }
    [Description("Value minus the parent's value (percentage points as a fraction for rates).")]
    public double? DifferenceFromParent { get; set; }
    [Description("The value in the previous period of the same grain.")]
    public double? PreviousValue { get; set; }
    [Description("Value minus the previous period's value (in the measure's unit; for rates a fraction of percentage points).")]
    public double? Change { get; set; }
    [Description("Lower bound of the Wilson 95% interval of a rate of events (hotline rates, grid event closure); empty for counts and stocks.")]
    public double? Low { get; set; }
    [Description("Upper bound of the Wilson 95% interval of a rate of events; empty for counts and stocks.")]
    public double? High { get; set; }
    [Description("False when a rate of events rests on fewer cases than the load's minimum (default 30): 样本不足, not to be ranked as certain.")]
    public bool Reliable { get; set; }
}

[Table("fact_hotline_ticket", IsColumnAttributeRequired = false)]
[Description("One 12345 hotline ticket dispatched to a township (no caller name, phone or content).")]
public sealed class HotlineTicket
{
    [Description("Ticket number (工单编号).")]
    public string TicketId { get; set; } = "";
    [Description("Code of the township the ticket was dispatched to (承办单位代码).")]
    [NotNull]
    public string TownshipCode { get; set; } = "";
    [Description("Request category (诉求类别).")]
    public string? Category { get; set; }
    [Description("When the call was received (来电时间); the ticket belongs to this month.")]
    public DateTime ReceivedAt { get; set; }
    [Description("When the ticket was dispatched (派单时间).")]
    public DateTime DispatchedAt { get; set; }
    [Description("First contact with the caller (首次联系时间).")]
    public DateTime? FirstContactAt { get; set; }
    [Description("When the ticket was closed (办结时间).")]
    public DateTime? ClosedAt { get; set; }
    [Description("First day of the month received.")]
    public DateOnly Month { get; set; }
    [Description("Hours from dispatch to first contact.")]
    public double? ResponseHours { get; set; }
    [Description("Hours from dispatch to closing.")]
    public double? HandlingHours { get; set; }
    [Description("Resolution rating (是否解决): 已解决, 未解决 or 未回访 (no follow-up).")]
    public string Resolved { get; set; } = "";
    [Description("Satisfaction rating (满意度): 满意, 基本满意, 不满意 or 未回访.")]
    public string Satisfaction { get; set; } = "";
    [Description("The street blew the whistle (是否吹哨).")]
    public bool Whistle { get; set; }
    [Description("County department that reported in response (报到部门).")]
    public string? RespondingDepartment { get; set; }
}

[Table("fact_enforcement_case", IsColumnAttributeRequired = false)]
[Description("One comprehensive enforcement case or joint operation.")]
public sealed class EnforcementCase
{
    [Description("Case number (案件编号).")]
    public string CaseId { get; set; } = "";
    [Description("Township code.")]
    [NotNull]
    public string TownshipCode { get; set; } = "";
    [Description("Enforcement domain (执法领域).")]
    public string Domain { get; set; } = "";
    [Description("Day the case was opened (立案日期); the case belongs to this month.")]
    public DateOnly OpenedOn { get; set; }
    [Description("Day the case was closed (结案日期).")]
    public DateOnly? ClosedOn { get; set; }
    [Description("First day of the month opened.")]
    public DateOnly Month { get; set; }
    [Description("Joint enforcement (是否联合执法).")]
    public bool Joint { get; set; }
    [Description("Personnel deployed (出动人员).")]
    public int? Personnel { get; set; }
    [Description("Outcome (处置结果): 处罚, 责令整改, 移送 or 不予处罚.")]
    public string? Outcome { get; set; }
    [Description("Fines and confiscations in yuan (罚没金额).")]
    public decimal? FineYuan { get; set; }
    [Description("The township blew the whistle (是否吹哨).")]
    public bool Whistle { get; set; }
}

[Table("fact_institution_reform", IsColumnAttributeRequired = false)]
[Description("One township's institution reform: bodies before and after.")]
public sealed class InstitutionReform
{
    [Description("Township code.")]
    [NotNull]
    public string TownshipCode { get; set; } = "";
    [Description("Day the reform was completed (改革完成日期); it counts from this day.")]
    public DateOnly CompletedOn { get; set; }
    [Description("Institution model (机构设置模式), e.g. 一办七局.")]
    public string? Model { get; set; }
    [Description("Party-government bodies before the reform.")]
    public int BodiesBefore { get; set; }
    [Description("Party-government bodies after the reform.")]
    public int BodiesAfter { get; set; }
    [Description("Public institutions before the reform.")]
    public int? InstitutionsBefore { get; set; }
    [Description("Public institutions after the reform.")]
    public int? InstitutionsAfter { get; set; }
    [Description("Internal bodies before the reform.")]
    public int? InternalBefore { get; set; }
    [Description("Internal bodies after the reform.")]
    public int? InternalAfter { get; set; }
}

[Table("fact_devolved_power", IsColumnAttributeRequired = false)]
[Description("One power (approval, service or enforcement item) devolved by a county department to a township.")]
public sealed class DevolvedPower
{
    [Description("Township code.")]
    [NotNull]
    public string TownshipCode { get; set; } = "";
    [Description("Item code (事项编码).")]
    public string ItemCode { get; set; } = "";
    [Description("Item name (事项名称).")]
    public string? ItemName { get; set; }
    [Description("County department that devolved it (来源部门).")]
    public string SourceDepartment { get; set; } = "";
    [Description("Method (赋权方式): 交办, 委托, 授权 or 下放.")]
    public string Method { get; set; } = "";
    [Description("Day devolved (赋权日期).")]
    public DateOnly DevolvedOn { get; set; }
    [Description("First day of the month devolved.")]
    public DateOnly Month { get; set; }
    [Description("Catalogue (目录): 省级目录, 一镇一目录 or 其他.")]
    public string? Catalogue { get; set; }
}

[Table("fact_grid_snapshot", IsColumnAttributeRequired = false)]
[Description("One grid as the grid platform reported it on one day.")]
public sealed class GridSnapshot
{
    [Description("Grid code (under its community's code).")]
    public string GridCode { get; set; } = "";
    [Description("Grid name.")]
    public string? GridName { get; set; }
    [Description("Code of the community or village the grid belongs to.")]
    [NotNull]
    public string CommunityCode { get; set; } = "";
    [Description("Day of the snapshot.")]
    public DateOnly SnapshotDate { get; set; }
    [Description("Full-time grid members.")]
    public int MembersFullTime { get; set; }
    [Description("Part-time grid members.")]
    public int MembersPartTime { get; set; }
    [Description("Full-time plus part-time members.")]
    public int Members { get; set; }
    [Description("Households in the grid.")]
    public int? Households { get; set; }
    [Description("Population of the grid.")]
    public int? Population { get; set; }
    [Description("active or inactive.")]
    public string Status { get; set; } = "";
}

[Table("fact_grid_event", IsColumnAttributeRequired = false)]
[Description("One event a grid member found, with its closed loop: reported, dispatched, closed.")]
public sealed class GridEvent
{
    [Description("Event id.")]
    public string EventId { get; set; } = "";
    [Description("Grid code.")]
    public string GridCode { get; set; } = "";
    [Description("Community of the grid (from the grid's latest snapshot).")]
    [NotNull]
    public string CommunityCode { get; set; } = "";
    [Description("Event category.")]
    public string? Category { get; set; }
    [Description("When the event was reported; it belongs to this month.")]
    public DateTime ReportedAt { get; set; }
    [Description("When it was dispatched.")]
    public DateTime? DispatchedAt { get; set; }
    [Description("When it was closed.")]
    public DateTime? ClosedAt { get; set; }
    [Description("First day of the month reported.")]
    public DateOnly Month { get; set; }
    [Description("closed, open or in_progress.")]
    public string Status { get; set; } = "";
    [Description("How it was found: patrol, hotline, camera or drone.")]
    public string? Source { get; set; }
}

[Table("fact_staffing", IsColumnAttributeRequired = false)]
[Description("Approved and actual posts of one unit, one post kind, one year (no personal data).")]
public sealed class Staffing
{
    [Description("Unit code (单位编码).")]
    public string UnitCode { get; set; } = "";
    [Description("Unit name (单位名称).")]
    public string UnitName { get; set; } = "";
    [Description("Region code of the unit.")]
    [NotNull]
    public string RegionCode { get; set; } = "";
    [Description("Unit kind (单位类别): 党政机构, 事业单位 or 派驻机构.")]
    public string UnitKind { get; set; } = "";
    [Description("Post kind (编制类型): 行政编制 or 事业编制.")]
    public string PostKind { get; set; } = "";
    [Description("Year.")]
    public int Year { get; set; }
    [Description("Approved posts (核定编制).")]
    public int Approved { get; set; }
    [Description("Actual staff (实有人数).")]
    public int? Actual { get; set; }
    [Description("Recruited in the year (当年招录).")]
    public int? Recruited { get; set; }
    [Description("Posts moved down to towns (下沉编制).")]
    public int? MovedDown { get; set; }
}

/// <summary>Maps PascalCase properties to the warehouse's snake_case columns.</summary>
public static class WarehouseMapping
{
    private const string Name = "analytics-warehouse";

    public static MappingSchema Schema { get; } = Create();

    private static MappingSchema Create()
    {
        // The callback is global to linq2db; only this schema's entities are renamed.
        MappingSchema.EntityDescriptorCreatedCallback = (created, entity) =>
        {
            if (created.ConfigurationList.Contains(Name))
            {
                foreach (var column in entity.Columns)
                    column.ColumnName = SnakeCase(column.MemberName);
            }
        };
        return new Locked();
    }

    /// <summary>
    /// Locked (as the providers' own schemas are), so linq2db keeps the one schema it combines with the provider's
    /// and every connection shares it. An unlocked schema is combined anew for each connection: a new mapping schema,
    /// its ID and its metadata readers on every request (a tenth of a point lookup's time in the controller).
    /// </summary>
    private sealed class Locked() : LockedMappingSchema(Name);

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}

[Table("dim_period", IsColumnAttributeRequired = false)]
public sealed class DimPeriod
{
    [NotNull]
    public string Period { get; set; } = "";
    public string Grain { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public string? PreviousPeriod { get; set; }
}
