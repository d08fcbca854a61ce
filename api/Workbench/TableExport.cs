using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace Analytics.Api.Workbench;

/// <summary>How a cell is written: Excel gets numbers as numbers with a format, CSV the text Excel parses back.</summary>
public enum CellKind { Text, Integer, Number, Percent, PercentChange, NumberChange, Score, DateTime }

/// <summary>One cell of an exported table; the kind is per cell, since a region's figures mix rates and counts.</summary>
public readonly record struct Cell(object? Value, CellKind Kind)
{
    public static Cell Text(string? text) => new(text, CellKind.Text);
    public static Cell Integer(long? n) => new(n, CellKind.Integer);
    public static Cell Time(DateTime? t) => new(t, CellKind.DateTime);

    /// <summary>A measure's value: percent for rates, one decimal for scores, two for ratios and counts.</summary>
    public static Cell Measure(CatalogMeasure m, double? v) =>
        new(v, m.Percent ? CellKind.Percent : m.Unit == "score" ? CellKind.Score : CellKind.Number);

    /// <summary>A change in the measure's unit, signed (a rate's change in percentage points).</summary>
    public static Cell Change(CatalogMeasure m, double? d) => new(d, m.Percent ? CellKind.PercentChange : CellKind.NumberChange);
}

/// <summary>A table as the page shows it: the filters that produced it, Chinese headers, rows in the page's order.</summary>
public sealed record ExportTable(string Sheet, string FileName, IReadOnlyList<string> Filters, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<Cell>> Rows);

/// <summary>
/// Writes any workbench table for Excel: .xlsx with Chinese headers, numbers as numbers in percent or count formats
/// and the filters written above the table, or CSV in UTF-8 with a BOM (Excel otherwise guesses GBK). Text that Excel
/// would read as a formula (starting with = + - @) stays text in both.
/// </summary>
public static class TableExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IResult File(ExportTable table, string format) => format == "xlsx"
        ? TypedResults.File(Xlsx(table), XlsxType, table.FileName + ".xlsx")
        : TypedResults.File(Csv(table), "text/csv; charset=utf-8", table.FileName + ".csv");

    /// <summary>Whether <paramref name="format"/> is one the workbench writes; otherwise a Chinese 400.</summary>
    public static void Check(string format)
    {
        if (format is not ("xlsx" or "csv"))
            throw new WorkbenchProblem(400, "导出格式只能是 xlsx 或 csv");
    }

    public static string ExportedAt() => $"导出时间：{DateTime.Now:yyyy-MM-dd HH:mm}";

    public static byte[] Xlsx(ExportTable table)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(table.Sheet);
        for (var i = 0; i < table.Filters.Count; i++)
            Text(sheet.Cell(i + 1, 1), table.Filters[i]);
        var header = table.Filters.Count + 2;
        var width = table.Headers.Count;
        for (var c = 0; c < width; c++)
        {
            var cell = sheet.Cell(header, c + 1);
            Text(cell, table.Headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF5");
        }
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < width; c++)
                Write(sheet.Cell(header + 1 + r, c + 1), table.Rows[r][c]);
        }
        sheet.Range(header, 1, header + table.Rows.Count, width).SetAutoFilter();
        sheet.SheetView.FreezeRows(header);
        // Widths by hand: ClosedXML measures text with System.Drawing, which needs libgdiplus on Linux.
        for (var c = 0; c < width; c++)
        {
            var widest = Enumerable.Range(header, table.Rows.Count + 1).Max(r => Width(sheet.Cell(r, c + 1).GetFormattedString()));
            sheet.Column(c + 1).Width = Math.Clamp(widest + 2, 8, 60);
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Write(IXLCell cell, Cell value)
    {
        switch (value.Value)
        {
            case null:
                break;
            case string s:
                Text(cell, s);
                break;
            case DateTime t:
                cell.Value = t;
                cell.Style.NumberFormat.Format = "yyyy-mm-dd hh:mm:ss";
                break;
            case var number:
                cell.Value = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                cell.Style.NumberFormat.Format = Format(value.Kind);
                break;
        }
    }

    private static string Format(CellKind kind) => kind switch
    {
        CellKind.Integer => "#,##0",
        CellKind.Percent => "0.00%",
        CellKind.PercentChange => "+0.00%;-0.00%;0.00%",
        CellKind.NumberChange => "+#,##0.00;-#,##0.00;0",
        CellKind.Score => "0.0",
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

    public static byte[] Csv(ExportTable table)
    {
        var csv = new StringBuilder();
        foreach (var line in table.Filters)
            csv.Append(Field(line)).Append("\r\n");
        csv.Append("\r\n").Append(string.Join(",", table.Headers.Select(Field))).Append("\r\n");
        foreach (var row in table.Rows)
            csv.Append(string.Join(",", row.Select(CsvCell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string CsvCell(Cell cell) => cell.Value switch
    {
        null => "",
        string s => Field(s),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        // Percent as Excel types it ("98.74%"), so the cell is a number with a percent format.
        double d when cell.Kind is CellKind.Percent or CellKind.PercentChange => (d * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%",
        var n => Convert.ToString(n, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A CSV text field: a leading = + - @ gets an apostrophe so Excel shows it instead of evaluating it.</summary>
    public static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
