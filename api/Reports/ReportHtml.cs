using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Api.Charts;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>
/// Writes a report as one self-contained HTML page for A4: charts embedded as PNG data URIs, no external file, script
/// or font, so it opens the same when mailed, archived or printed to PDF. Text stays text (searchable, copyable).
/// Sections are numbered as shown; a column with nothing in any row is left out.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        @page { size: A4; margin: 14mm 14mm 16mm; }
        body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 182mm;
               color: #222; font-size: 10.5pt; line-height: 1.55; }
        h1 { font-size: 17pt; border-bottom: 3px solid #1f77b4; padding-bottom: .3em; margin: 0 0 .3em; }
        h2 { font-size: 13pt; margin: 1.1em 0 .4em; border-left: 5px solid #1f77b4; padding-left: .5em; break-after: avoid; }
        p { margin: .35em 0; }
        .meta { color: #666; font-size: 9pt; }
        .summary p { text-indent: 2em; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: 9pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th, td { border: 1px solid #ccc; padding: .2em .4em; text-align: right; }
        th:first-child, td:first-child, td.name { text-align: left; }
        th { background: #eef3f8; }
        td { white-space: nowrap; }
        td:first-child, td:last-child { white-space: normal; }
        td.wrap, th.wrap { white-space: normal; text-align: left; }
        table:has(td.wrap) td:first-child { white-space: nowrap; }
        table.figures { font-size: 8.5pt; }
        caption { caption-side: bottom; text-align: left; color: #666; font-size: 8.5pt; padding-top: .2em; }
        figure { margin: .6em 0; break-inside: avoid; text-align: center; }
        .opening { break-inside: avoid; }
        .opening.lead-in { break-after: avoid; }
        figure img { max-width: 100%; max-height: 105mm; width: auto; height: auto; }
        .note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .3em .8em; }
        .up { color: #2a7b2a; } .down { color: #b22; }
        footer { margin-top: 1.2em; border-top: 1px solid #ccc; padding-top: .4em; color: #555; font-size: 9pt; }
        @media print { body { margin: 0; max-width: none; } }
        """;

    private static readonly string[] Numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    public static string Write(ReportContent report)
    {
        var html = new StringBuilder();
        var title = $"{report.RegionName}乡镇街道改革{report.PeriodText}报告";
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>\n<style>{Style}</style>\n</head>\n")
            .Append(CultureInfo.InvariantCulture, $"<body data-region=\"{E(report.RegionCode)}\" data-period=\"{E(report.Period)}\">\n<h1>{E(title)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">区划代码 {E(report.RegionCode)}{Until(report)}</p>\n");
        for (var i = 0; i < report.Sections.Count; i++)
            Section(html, report.Sections[i], $"{Numbers[Math.Min(i, Numbers.Length - 1)]}、", i == 0 ? report.Summary : []);
        if (report.Omitted.Count > 0)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"omitted\">本期无数据、未列出的内容：{E(string.Join("、", report.Omitted))}。</p>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<footer>{(report.DataUntil is { } d ? $"数据截至{d.Year}年{d.Month}月{d.Day}日。" : "")}" +
            $"{(report.Sources.Count > 0 ? $"数据来源：{E(string.Join("、", report.Sources))}。" : "")}" +
            $"生成时间：{report.Generated:yyyy年M月d日 HH:mm}。</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Until(ReportContent report) =>
        report.DataUntil is { } d ? $" · 数据截至{d.Year}年{d.Month}月{d.Day}日" : "";

    /// <summary>
    /// A section: its heading kept on one page with its lead and its first block when that is a chart or a table of a
    /// few rows, so no page ends in a heading. A longer table follows the heading on the same page and breaks between
    /// rows, repeating its header: kept whole, a 12-row table under a long 综述 moved to the next page and left half of
    /// the first one blank.
    /// </summary>
    private static void Section(StringBuilder html, ReportSection section, string number, IReadOnlyList<string> paragraphs)
    {
        var blocks = new List<(string Html, bool Short)>();
        if (section.Figures.Count > 0)
            blocks.Add((Table(["指标", "本期", "上期", "环比", "上年同期", "同比", "同级排名", "上级地区", "说明"],
                section.Figures.Select(Row).ToList(), null, "figures"), section.Figures.Count <= ShortTable));
        foreach (var table in section.Tables.Where(t => t.Rows.Count > 0))
            blocks.Add((Table(table.Header, table.Rows.Select(r => r.Select((c, i) => (c, table.Wrap?.Contains(i) == true ? "wrap" : (string?)null)).ToList()).ToList(), table.Caption, null),
                table.Rows.Count <= ShortTable));
        foreach (var chart in section.Charts.Where(c => c.HasData))
            blocks.Add(($"<figure class=\"chart\"><img alt=\"{E(chart.Title)}\" width=\"{chart.Width}\" height=\"{chart.Height}\" " +
                        $"src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\"></figure>\n", true));
        foreach (var note in section.Notes)
            blocks.Add(($"<p class=\"note\">{E(note)}</p>\n", true));

        var kept = blocks.Count > 0 && blocks[0].Short ? 1 : 0;
        // A heading with no block of its own stays with the long table that follows (which may then break).
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{section.Id}\"{(section.Id == "summary" ? " class=\"summary\"" : "")}>\n" +
            $"<div class=\"opening{(kept == 0 && blocks.Count > 0 ? " lead-in" : "")}\">\n<h2>{E(number + section.Heading)}</h2>\n");
        foreach (var p in paragraphs)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(p)}</p>\n");
        if (section.Lead is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(section.Lead)}</p>\n");
        foreach (var block in blocks.Take(kept))
            html.Append(block.Html);
        html.Append("</div>\n");
        foreach (var block in blocks.Skip(kept))
            html.Append(block.Html);
        html.Append("</section>\n");
    }

    /// <summary>Rows up to which a table stays whole with its heading (a longer one would leave too much of a page blank).</summary>
    private const int ShortTable = 5;

    /// <summary>A key figure's cells; a change is coloured only for a measure with a direction (a volume is neither good nor bad).</summary>
    private static List<(string Text, string? Class)> Row(ReportFigure f)
    {
        var m = f.Measure;
        string? Colour(double? now, double? before) =>
            !m.HasDirection || now is null || before is null || now == before ? null
            : now > before == m.HigherIsBetter ? "up" : "down";
        var note = f.Reliable ? f.Note ?? "" : $"样本不足，95%区间{ChartText.Interval(m, f.Low, f.High)}";
        return
        [
            (m.NameZh, null), (ChartText.Value(m, f.Value), null), (ChartText.Value(m, f.Previous), null),
            (ChartText.ChangeBetween(m, f.Value, f.Previous), Colour(f.Value, f.Previous)),
            (ChartText.Value(m, f.YearAgo), null), (ChartText.ChangeBetween(m, f.Value, f.YearAgo), Colour(f.Value, f.YearAgo)),
            // An only child (宝鸡市 is the samples' only city of 陕西省) has no rank, and its parent's value is its own.
            (f.Rank is { } r && f.Reliable && f.RankCount > 1 ? $"{r}/{f.RankCount}" : "—", null),
            (f.RankCount == 1 ? "—" : ChartText.Value(m, f.Parent), null), (note, null),
        ];
    }

    /// <summary>A table without the columns that are empty in every row (a table with no rows is not written at all).</summary>
    private static string Table(IReadOnlyList<string> header, List<List<(string Text, string? Class)>> rows, string? caption, string? cssClass)
    {
        var html = new StringBuilder();
        var keep = Enumerable.Range(0, header.Count).Where(i => i < 2 || rows.Any(r => r[i].Text is not ("" or "—"))).ToList();
        html.Append(cssClass is null ? "<table>\n" : $"<table class=\"{cssClass}\">\n");
        if (caption is not null)
            html.Append(CultureInfo.InvariantCulture, $"<caption>{E(caption)}</caption>\n");
        html.Append("<thead><tr>");
        foreach (var i in keep)
            html.Append(CultureInfo.InvariantCulture, $"<th{(rows.Count > 0 && rows[0][i].Class == "wrap" ? " class=\"wrap\"" : "")}>{E(header[i])}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var i in keep)
            {
                var cls = i == 1 && cssClass is null ? "name" : row[i].Class;
                html.Append(CultureInfo.InvariantCulture, $"<td{(cls is null ? "" : $" class=\"{cls}\"")}>{E(row[i].Text)}</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
