using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace Analytics.Api.Workbench;

/// <summary>
/// A ranking as the page shows it, for Excel: .xlsx with Chinese headers, numbers as numbers in percent or count
/// formats and the filters written above the table, or CSV in UTF-8 with a BOM (Excel otherwise guesses GBK).
/// Text that Excel would read as a formula (starting with = + - @) stays text.
/// </summary>
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

    public static byte[] Xlsx(Ranking ranking, IReadOnlyList<RankedRow> rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("对比");
        var filters = Filters(ranking);
        for (var i = 0; i < filters.Count; i++)
            Text(sheet.Cell(i + 1, 1), filters[i]);
        var header = filters.Count + 2;
        for (var c = 0; c < Columns.Length; c++)
        {
            var cell = sheet.Cell(header, c + 1);
            Text(cell, Columns[c].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF5");
        }
        var percent = ranking.Measure.Percent;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                var cell = sheet.Cell(header + 1 + r, c + 1);
                var column = Columns[c];
                switch (column.Get(rows[r]))
                {
                    case null:
                        break;
                    case string s:
                        Text(cell, s);
                        break;
                    case var number:
                        cell.Value = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                        cell.Style.NumberFormat.Format = Format(column.Kind, percent);
                        break;
                }
            }
        }
        sheet.Range(header, 1, header + rows.Count, Columns.Length).SetAutoFilter();
        sheet.SheetView.FreezeRows(header);
        // Widths by hand: ClosedXML measures text with System.Drawing, which needs libgdiplus on Linux.
        for (var c = 0; c < Columns.Length; c++)
        {
            var widest = Enumerable.Range(header, rows.Count + 1).Max(r => Width(sheet.Cell(r, c + 1).GetFormattedString()));
            sheet.Column(c + 1).Width = Math.Clamp(widest + 2, 8, 40);
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Format(Kind kind, bool percent) => kind switch
    {
        Kind.Integer => "#,##0",
        Kind.Value when percent => "0.00%",
        Kind.Change when percent => "+0.00%;-0.00%;0.00%",
        Kind.Change => "+#,##0.00;-#,##0.00;0",
        _ => "#,##0.00",
    };

    /// <summary>Characters as Excel's column width counts them: a Chinese character is two.</summary>
    private static int Width(string text) => text.Sum(ch => ch > 0x2E80 ? 2 : 1);

    /// <summary>Written as a text cell: never parsed as a formula, number or date.</summary>
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    public static byte[] Csv(Ranking ranking, IReadOnlyList<RankedRow> rows)
    {
        var csv = new StringBuilder();
        foreach (var line in Filters(ranking))
            csv.Append(Field(line)).Append("\r\n");
        csv.Append("\r\n").Append(string.Join(",", Columns.Select(c => Field(c.Header)))).Append("\r\n");
        var percent = ranking.Measure.Percent;
        foreach (var row in rows)
        {
            csv.Append(string.Join(",", Columns.Select(c => c.Get(row) switch
            {
                null => "",
                string s => Field(s),
                // Percent as Excel types it ("98.74%"), so the cell is a number with a percent format.
                double d when percent && c.Kind is Kind.Value or Kind.Change => (d * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%",
                var n => Convert.ToString(n, CultureInfo.InvariantCulture),
            }))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>A CSV text field: a leading = + - @ gets an apostrophe so Excel shows it instead of evaluating it.</summary>
    public static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
