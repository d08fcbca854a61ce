using System.Text.RegularExpressions;

namespace Analytics.Api.Workbench;

/// <summary>
/// The loader writes why a row was set aside as an English sentence that quotes the value (for developers and the
/// load log). The workbench shows the office a stable reason code and a Chinese text without the value: the value may
/// be anything the source held, and rows with the same problem in the same column count as one group.
/// </summary>
public static partial class QuarantineReasons
{
    private sealed record Reason(string Code, Regex Pattern, string Zh);

    // Order matters: the first pattern that matches names the reason. Codes are part of the API and the exports.
    private static readonly Reason[] Known =
    [
        new("duplicate", Duplicate(), "与已入库的行重复（主键相同），保留先出现的一行"),
        new("closed_without_time", ClosedWithoutTime(), "状态为已办结，但办结时间为空"),
        new("empty", Empty(), "必填项为空"),
        new("out_of_range", OutOfRange(), "数值超出可存储的范围"),
        new("before_earliest", BeforeEarliest(), "日期早于最早可信日期"),
        new("after_latest", AfterLatest(), "日期晚于可信范围（加载日之后过远）"),
        new("not_whole_number", NotA("a whole number"), "不是整数"),
        new("not_number", NotA("a number"), "不是数字"),
        new("not_date", NotA("a date \\("), "不是有效日期"),
        new("not_datetime", NotA("a date and time"), "不是有效的日期时间"),
        new("not_yes_no", NotA("是 or 否"), "应为“是”或“否”"),
        new("not_allowed_value", NotOneOf(), "不是允许的取值之一"),
        new("negative", Negative(), "不应为负数"),
        new("unknown_region", UnknownRegion(), "不是已知的区划代码"),
        new("bad_division_code", BadDivisionCode(), "不是 12 位区划代码"),
        new("unknown_parent", UnknownParent(), "上级代码在本文件和仓库中都不存在"),
        new("unknown_grid", UnknownGrid(), "网格编码不属于任何已加载的网格快照"),
        new("implausible_year", ImplausibleYear(), "年度不合理"),
        new("bad_period", BadPeriod(), "期间格式不对（应为 2024、2024-Q3、2024-07 或 2020..2024）"),
        new("after_above_before", AfterAboveBefore(), "改革后的数量大于改革前的数量"),
        new("time_order", TimeOrder(), "时间先后矛盾（较晚的时间早于较早的时间）"),
        new("wrong_field_count", FieldCount(), "该行的列数与表头不一致（可能是未加引号的逗号或断行）"),
        new("nul_character", NulCharacter(), "含有空字符（\\0），整行不入库"),
        new("invalid_json", InvalidJson(), "该行格式错误，无法解析"),
    ];

    public const string OtherCode = "other";
    public const string OtherZh = "其他数据问题（请联系数据管理员查看加载日志）";

    /// <summary>The stable code and the Chinese text of a reason the loader wrote.</summary>
    public static (string Code, string Zh) Of(string reason)
    {
        foreach (var r in Known)
        {
            if (r.Pattern.IsMatch(reason))
                return (r.Code, r.Zh);
        }
        return (OtherCode, OtherZh);
    }

    public static IEnumerable<string> Codes => Known.Select(r => r.Code).Append(OtherCode);

    [GeneratedRegex(@"^duplicate of ")] private static partial Regex Duplicate();
    [GeneratedRegex(@" is empty$")] private static partial Regex Empty();
    [GeneratedRegex(@"' is out of range \(")] private static partial Regex OutOfRange();
    [GeneratedRegex(@" is before \S+, the earliest plausible date")] private static partial Regex BeforeEarliest();
    [GeneratedRegex(@" is after \S+, \d+ days after this load")] private static partial Regex AfterLatest();
    [GeneratedRegex(@"' is not one of ")] private static partial Regex NotOneOf();
    [GeneratedRegex(@" is negative$")] private static partial Regex Negative();
    [GeneratedRegex(@"( is not a known region code| names a region the warehouse does not have)$")] private static partial Regex UnknownRegion();
    [GeneratedRegex(@" is not a 12-digit division code$")] private static partial Regex BadDivisionCode();
    [GeneratedRegex(@" is not a region in this file or the warehouse$")] private static partial Regex UnknownParent();
    [GeneratedRegex(@" is not a grid of any loaded snapshot$")] private static partial Regex UnknownGrid();
    [GeneratedRegex(@" is not a plausible year$")] private static partial Regex ImplausibleYear();
    [GeneratedRegex(@" is not YYYY, YYYY-Qn, YYYY-MM or YYYY\.\.YYYY$")] private static partial Regex BadPeriod();
    [GeneratedRegex(@"^改革后\S+ \S+ is above 改革前\S+ \S+$")] private static partial Regex AfterAboveBefore();
    [GeneratedRegex(@"^\S+ is before \S+$")] private static partial Regex TimeOrder();
    [GeneratedRegex(@"^status is closed but closed_at is empty$")] private static partial Regex ClosedWithoutTime();
    [GeneratedRegex(@"^line \d+: expected \d+ fields, found \d+$")] private static partial Regex FieldCount();
    [GeneratedRegex(@" holds a NUL (byte|character)")] private static partial Regex NulCharacter();
    [GeneratedRegex(@"^not valid JSON: ")] private static partial Regex InvalidJson();

    // "<header> '<value>' is not <type>": the value is quoted, so the type is matched at the end.
    private static Regex NotA(string type) => new($"' is not {type}", RegexOptions.CultureInvariant);
}
