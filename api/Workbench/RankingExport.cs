using System.Globalization;

namespace Analytics.Api.Workbench;

/// <summary>A ranking's columns, its sort as the page sorts, and the table it exports (see <see cref="TableExport"/>).</summary>
public static class RankingExport
{
    private sealed record Column(string Key, string Header, Func<RankedRow, object?> Get, Kind Kind);

    private enum Kind { Text, Integer, Value, Change, Flag }

    private static readonly Column[] Columns =
    [
        new("rank", "排名", r => r.Rank, Kind.Integer),
        new("name", "地区", r => r.RegionName, Kind.Text),
        new("code", "区划代码", r => r.RegionCode, Kind.Text),
        new("parentName", "上级地区", r => r.ParentName, Kind.Text),
        new("value", "数值", r => r.Value, Kind.Value),
        new("numerator", "分子", r => r.Numerator, Kind.Integer),
        new("denominator", "分母", r => r.Denominator, Kind.Integer),
        new("yoy", "同比", r => r.Yoy, Kind.Change),
        new("change", "环比", r => r.Change, Kind.Change),
        new("parentValue", "上级数值", r => r.ParentValue, Kind.Value),
        new("low", "95%区间下限", r => r.Low, Kind.Value),
        new("high", "95%区间上限", r => r.High, Kind.Value),
        new("small", "小样本(分母<30)", r => r.SmallSample ? "是" : "", Kind.Flag),
    ];

    /// <summary>The rows in the order the page shows: <paramref name="sort"/> is a column key, '-' first for descending.</summary>
    public static IReadOnlyList<RankedRow> Sorted(IReadOnlyList<RankedRow> rows, string? sort)
    {
        if (string.IsNullOrEmpty(sort))
            return rows;
        var descending = sort.StartsWith('-');
        var key = sort.TrimStart('-');
        var column = Columns.FirstOrDefault(c => c.Key == key)
            ?? throw new WorkbenchProblem(400, $"排序列“{key}”不存在，可用：{string.Join("、", Columns.Select(c => c.Key))}");
        // Empty values last whichever way, as the page sorts.
        var withValue = rows.Where(r => column.Get(r) is not null and not "").ToList();
        var empty = rows.Where(r => column.Get(r) is null or "");
        var ordered = descending
            ? withValue.OrderByDescending(r => column.Get(r), Comparer<object?>.Create(Compare))
            : withValue.OrderBy(r => column.Get(r), Comparer<object?>.Create(Compare));
        return ordered.ThenBy(r => r.Rank).Concat(empty).ToList();
    }

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => string.Compare(x, y, StringComparison.Ordinal),
        _ => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
    };

    public static IReadOnlyList<string> Filters(Ranking ranking) =>
    [
        $"指标：{ranking.Measure.NameZh}（{ranking.Measure.Id}）",
        $"口径：{ranking.Measure.Definition}",
        $"期间：{ranking.Period}    同比对照：{ranking.YearAgoPeriod ?? "—"}    环比对照：{ranking.PreviousPeriod ?? "—"}",
        $"层级：{LevelZh(ranking.Level)}    范围：{(ranking.Scope is { } s ? $"{s.Name}（{s.Code}）" : "本密钥可见的全部地区")}",
        $"导出时间：{DateTime.Now:yyyy-MM-dd HH:mm}",
    ];

    public static string LevelZh(string level) => level switch
    {
        "province" => "省",
        "city" => "市",
        "county" => "县（区）",
        "township" => "乡镇（街道）",
        _ => "村（社区）",
    };

    /// <summary>The ranking as the page shows it, in <paramref name="rows"/>' order, for <see cref="TableExport"/>.</summary>
    public static ExportTable Table(Ranking ranking, IReadOnlyList<RankedRow> rows) =>
        new("对比", $"{ranking.Scope?.Name ?? "全部"}-{LevelZh(ranking.Level)}-{ranking.Measure.NameZh}-{ranking.Period}", Filters(ranking),
            Columns.Select(c => c.Header).ToList(),
            rows.Select(r => (IReadOnlyList<Cell>)Columns.Select(c => Cell(c, r, ranking.Measure)).ToList()).ToList());

    private static Cell Cell(Column column, RankedRow row, CatalogMeasure measure)
    {
        var value = column.Get(row);
        return column.Kind switch
        {
            Kind.Integer => new Cell(value, CellKind.Integer),
            Kind.Value => Workbench.Cell.Measure(measure, (double?)value),
            Kind.Change => Workbench.Cell.Change(measure, (double?)value),
            _ => Workbench.Cell.Text((string?)value),
        };
    }
}
