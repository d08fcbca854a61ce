using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Etl.Load;
using Analytics.Warehouse.Operations;

namespace Analytics.Etl.Inbox;

/// <summary>
/// The reason a load failed, in Chinese for the workbench's data page, with the file, row and column where the
/// loader's message names them. The loader's messages name places and limits, never row contents; an error that is
/// not the loader's own (a database or disk error) may quote anything, so only its kind is told.
/// </summary>
internal static partial class LoadProblems
{
    public const string StoppedReason = "加载被停止（服务停止或关机时收到 SIGTERM），未完成；仓库保持原样，下次加载会重新读取这些文件。";

    private static readonly (Regex Pattern, Func<Match, string> Reason, string? RowGroup, string? ColumnGroup)[] Known =
    [
        (new(@"^not a readable gzip file"), _ => "不是可读的 gzip 压缩文件，整个文件未加载。", null, null),
        (new(@"^undecodable bytes near byte ([\d,]+)"),
            m => $"第 {m.Groups[1].Value} 字节附近有无法解码的字节：文件既不是 UTF-8 也不是 GB18030 编码。", null, null),
        (new(@"^a quote opened in the record starting at line ([\d,]+) is never closed"),
            m => $"从第 {m.Groups[1].Value} 行开始的记录中有引号未闭合，整个文件未加载。", "1", null),
        (new(@"^the record starting at line ([\d,]+) is longer than ([\d,]+) bytes"),
            m => $"从第 {m.Groups[1].Value} 行开始的记录超过每行 {m.Groups[2].Value} 字节的上限（可能有引号未闭合），整个文件未加载。", "1", null),
        (new(@"^line ([\d,]+) is longer than ([\d,]+) bytes"),
            m => $"第 {m.Groups[1].Value} 行超过每行 {m.Groups[2].Value} 字节的上限，整个文件未加载。", "1", null),
        (new(@"^holds more than ([\d,]+) bytes of text"), m => $"文本超过每个文件 {m.Groups[1].Value} 字节的上限，整个文件未加载。", null, null),
        (new(@"^has more than ([\d,]+) lines"), m => $"超过每个文件 {m.Groups[1].Value} 行的上限，整个文件未加载。", null, null),
        (new(@"^is not a complete gzip stream"), _ => "gzip 压缩文件不完整（复制时被截断或已损坏），整个文件未加载。", null, null),
        (new(@"^is a symbolic link that cannot be followed"), _ => "是无法跟随的符号链接（循环？），已拒绝，未读取。", null, null),
        (new(@"^is a symbolic link to a place outside"), _ => "是指向收件文件夹之外的符号链接，已拒绝，未读取（请把文件复制到文件夹里）。", null, null),
        (new(@"^the source folder does not exist"), _ => "收件文件夹不存在。", null, null),
        (new(@"^another load is running"), _ => "另一次加载正在使用仓库，稍后会再试。", null, null),
        (new(@"^has lines after its header but not one row could be read"), _ => "表头之后有内容，但一行也读不出来，整个文件未加载。", null, null),
        (new(@"^the file is empty"), _ => "文件是空的：没有表头行。", null, null),
        (new(@"^not a readable \.xlsx workbook"), _ => "不是可读的 .xlsx 工作簿，整个文件未加载。", null, null),
        (new(@"^required key\(s\) (.+) appear on no line$"), m => $"必需的键 {m.Groups[1].Value} 在任何一行中都没有出现，整个文件未加载。", null, "1"),
        (new(@"^(?:sheet '(.*)': )?required column\(s\) (.+?) missing from the header \((.*)\)$"), MissingColumns, null, "2"),
    ];

    /// <summary>What the data page says about <paramref name="error"/>, a failure of the load.</summary>
    public static LoadProblem Describe(Exception error)
    {
        if (error is not LoadException load)
        {
            return new(error switch
            {
                System.Data.Common.DbException => "仓库数据库处理出错，仓库未改变。详情见服务器日志。",
                IOException or UnauthorizedAccessException => "读写文件出错（权限不足或磁盘已满？），仓库未改变。详情见服务器日志。",
                _ => "加载出错，仓库未改变。详情见服务器日志。",
            });
        }
        foreach (var (pattern, reason, rowGroup, columnGroup) in Known)
        {
            if (pattern.Match(load.Problem) is not { Success: true } m)
                continue;
            long? row = rowGroup is null
                ? null
                : long.Parse(m.Groups[rowGroup].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            return new(reason(m), load.File, row, columnGroup is null ? null : m.Groups[columnGroup].Value);
        }
        // A message added to the loader later: still only places and limits, shown as the loader wrote it.
        return new($"文件无法读取：{load.Problem}", load.File);
    }

    private static string MissingColumns(Match m)
    {
        var sheet = m.Groups[1].Success ? $"工作表“{m.Groups[1].Value}”" : "";
        var found = m.Groups[3].Value;
        var cells = FirstRowCells().Match(found);
        var known = KnownColumns().Match(found);
        var detail = cells.Success
            ? $"第一行有 {cells.Groups[1].Value} 个单元格，没有一个是这类导出的列名：是否缺少表头行？（单元格内容不显示：可能是数据）"
            : known.Success
                ? $"找到的已知列：{known.Groups[1].Value}" + (known.Groups[2].Success ? $"；另有 {known.Groups[2].Value} 个单元格不显示（可能是数据）" : "")
                : found;
        return $"{sheet}表头缺少必需的列 {m.Groups[2].Value}，整个文件未加载。{detail}。";
    }

    [GeneratedRegex(@"^its first row has (\d+) cell")]
    private static partial Regex FirstRowCells();

    [GeneratedRegex(@"^known columns found: (.+?)(?:; (\d+) other cell\(s\) not shown.*)?$")]
    private static partial Regex KnownColumns();
}
