using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Api.Charts;
using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>
/// Writes a report as one self-contained HTML page: charts embedded as PNG data URIs, no external file, script or
/// font, so it opens the same when mailed, archived or printed to PDF. Text stays text (searchable, copyable).
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
        h1 { font-size: 1.6em; border-bottom: 3px solid #1f77b4; padding-bottom: .3em; }
        h2 { font-size: 1.25em; margin-top: 1.6em; border-left: 5px solid #1f77b4; padding-left: .5em; }
        .meta { color: #666; font-size: .9em; }
        table { border-collapse: collapse; width: 100%; margin: .6em 0; font-size: .92em; }
        th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: right; }
        th:first-child, td:first-child, td.name { text-align: left; }
        th { background: #eef3f8; }
        td.name { white-space: nowrap; }
        figure { margin: 1em 0; page-break-inside: avoid; }
        figure img { max-width: 100%; height: auto; }
        .note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .4em .8em; }
        .up { color: #2a7b2a; } .down { color: #b22; }
        @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
        """;

    public static string Write(ReportContent report)
    {
        var html = new StringBuilder();
        var title = $"{report.RegionName}乡镇街道改革{report.PeriodText}报告";
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>\n<style>{Style}</style>\n</head>\n")
            .Append(CultureInfo.InvariantCulture, $"<body data-region=\"{E(report.RegionCode)}\" data-period=\"{E(report.Period)}\">\n<h1>{E(title)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">区划代码 {E(report.RegionCode)} · 生成时间 {report.Generated:yyyy-MM-dd HH:mm} · 数据版本 {E(report.Generation)}</p>\n");
        foreach (var section in report.Sections)
            Section(html, section);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, ReportSection section)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{section.Id}\">\n<h2>{E(section.Heading)}</h2>\n");
        if (section.Lead is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(section.Lead)}</p>\n");
        if (section.Figures.Count > 0)
        {
            html.Append("<table class=\"figures\">\n<tr><th>指标</th><th>本期</th><th>上期</th><th>较上期</th><th>同级排名</th><th>上级地区</th></tr>\n");
            foreach (var f in section.Figures)
            {
                var m = MeasureCatalog.Find(f.Measure.Id)!;
                var direction = f.Change is > 0 == m.HigherIsBetter ? "up" : "down";
                var rank = f.SiblingRank is { } r ? $"{r}/{f.SiblingCount}" : "—";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(m.NameZh)}</td><td>{E(ChartText.Value(m, f.Value))}</td><td>{E(ChartText.Value(m, f.PreviousValue))}</td>" +
                    $"<td class=\"{(f.Change is null or 0 ? "" : direction)}\">{E(ChartText.Change(m, f.Change))}</td><td>{rank}</td><td>{E(ChartText.Value(m, f.ParentValue))}</td></tr>\n");
            }
            html.Append("</table>\n");
        }
        foreach (var chart in section.Charts.Where(c => !c.HasData))
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note nodata\">{E(chart.Title)}：本期暂无数据。</p>\n");
        foreach (var chart in section.Charts.Where(c => c.HasData))
            html.Append(CultureInfo.InvariantCulture,
                $"<figure class=\"chart\"><img alt=\"{E(chart.Title)}\" width=\"{chart.Width}\" height=\"{chart.Height}\" src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\"></figure>\n");
        if (section.Table is { } table)
        {
            html.Append("<table>\n<tr>");
            foreach (var h in table.Header)
                html.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
            html.Append("</tr>\n");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Count; i++)
                    html.Append(CultureInfo.InvariantCulture, $"<td{(i == 1 ? " class=\"name\"" : "")}>{E(row[i])}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        foreach (var note in section.Notes)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(note)}</p>\n");
        html.Append("</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
