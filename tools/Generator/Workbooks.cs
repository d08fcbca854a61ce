using ClosedXML.Excel;

namespace Analytics.Generator;

/// <summary>Shared xlsx plumbing: fixed document dates so reruns differ only in zip metadata.</summary>
internal static class Workbooks
{
    private static readonly DateTime Fixed = new(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    public static XLWorkbook Create()
    {
        var workbook = new XLWorkbook();
        workbook.Properties.Created = Fixed;
        workbook.Properties.Modified = Fixed;
        workbook.Properties.Author = "sample generator";
        return workbook;
    }

    /// <summary>A sheet with its header row; Excel caps sheet names at 31 characters.</summary>
    public static IXLWorksheet Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> header)
    {
        var sheet = workbook.Worksheets.Add(name.Length <= 31 ? name : name[..31]);
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
        }
        return sheet;
    }

    public static void Save(XLWorkbook workbook, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        workbook.SaveAs(path);
    }

    /// <summary>A real Excel date cell.</summary>
    public static void Date(IXLCell cell, DateOnly date)
    {
        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
        cell.Style.DateFormat.Format = "yyyy-mm-dd";
    }

    /// <summary>Text that must stay text (ClosedXML would otherwise turn "2020/3/15" into a date).</summary>
    public static void Text(IXLCell cell, string value)
    {
        cell.Style.NumberFormat.Format = "@";
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
    }

    public static void Number(IXLCell cell, int? value)
    {
        if (value is { } v)
        {
            cell.SetValue(v);
        }
    }
}
