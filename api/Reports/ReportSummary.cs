using Analytics.Api.Charts;
using Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Reports;

/// <summary>One 预警: a region's rate under the alert line, or falling months in a row.</summary>
public sealed record Alert(string Region, Measure Measure, string Value, string Line, string What);

/// <summary>
/// The 综述: a few sentences written from the report's own tables (every number in it is a cell of a table below it,
/// formatted by the same functions), in the order a leader reads: the level and its change, the rank, the best and
/// worst children, the largest movers, and what needs attention.
/// </summary>
public static class ReportSummary
{
    /// <summary>The rates the 综述 states, in order, when the region has them.</summary>
    public static readonly string[] Stated =
    [
        MeasureIds.HotlineCompositeScore, MeasureIds.HotlineResponseRate, MeasureIds.HotlineResolutionRate, MeasureIds.HotlineSatisfactionRate,
        MeasureIds.InstitutionStreamliningRate, MeasureIds.GridCoverageRate,
    ];

    public static List<string> Write(string regionName, string periodText, string? parentName, string level,
        IReadOnlyList<ReportFigure> figures, Ranking? children, IReadOnlyList<Alert> alerts)
    {
        var text = new List<string>();
        var byId = figures.ToDictionary(f => f.Measure.Id, StringComparer.Ordinal);
        var opening = new List<string>();
        if (byId.GetValueOrDefault(MeasureIds.HotlineTickets) is { } tickets)
            opening.Add($"12345热线受理工单{ChartText.Value(tickets.Measure, tickets.Value)}件{Changes(tickets)}");
        if (byId.GetValueOrDefault(MeasureIds.DevolvedPowers) is { } powers)
            opening.Add($"累计下放赋权事项{ChartText.Value(powers.Measure, powers.Value)}项（{powers.Note}）");
        if (byId.GetValueOrDefault(MeasureIds.EnforcementCases) is { } cases)
            opening.Add($"办理执法案件{ChartText.Value(cases.Measure, cases.Value)}件{Changes(cases)}");
        if (opening.Count > 0)
            text.Add($"{periodText}，{regionName}{string.Join("；", opening)}。");

        var rates = new List<string>();
        foreach (var f in Stated.Select(byId.GetValueOrDefault).OfType<ReportFigure>())
        {
            var sentence = $"{f.Measure.NameZh}{ChartText.Value(f.Measure, f.Value)}{Changes(f)}";
            if (!f.Reliable)
                sentence += "（样本不足，仅供参考）";
            else if (f is { Rank: { } rank, RankCount: { } count } && count > 1 && parentName is not null)
                sentence += $"，在{parentName}各{Levels.Zh(level)}中排第{rank}位（共{count}个）";
            rates.Add(sentence);
        }
        if (rates.Count > 0)
            text.Add(string.Join("；", rates) + "。");

        if (children is not null && children.Ranked.ToList() is { Count: > 1 } ranked)
        {
            var m = children.Measure;
            var sentence = $"各{Levels.Zh(children.Level)}中，{m.NameZh}最高的是{ranked[0].Name}（{ranked[0].Value}），" +
                           $"最低的是{ranked[^1].Name}（{ranked[^1].Value}）";
            var moves = ranked.Where(r => r.Row is { Value: not null, PreviousValue: not null }).ToList();
            if (moves.Count > 1)
            {
                var up = moves.MaxBy(r => r.Row.Value - r.Row.PreviousValue)!;
                var down = moves.MinBy(r => r.Row.Value - r.Row.PreviousValue)!;
                if (up.Row.Value > up.Row.PreviousValue)
                    sentence += $"；环比升幅最大的是{up.Name}（{up.Change}）";
                if (down.Row.Value < down.Row.PreviousValue)
                    sentence += $"，降幅最大的是{down.Name}（{down.Change}）";
            }
            text.Add(sentence + "。");
        }

        text.Add(alerts.Count == 0
            ? "预警：本期未发现需要预警的指标。"
            : "预警：" + string.Join("；", alerts.Take(5).Select(a => $"{a.Region}{a.Measure.NameZh}{a.Value}，{a.What}")) +
              (alerts.Count > 5 ? "等，详见预警表" : "") + "。");
        return text;
    }

    /// <summary>"，同比+1.2个百分点，环比-0.3个百分点", leaving out a comparison the data lacks.</summary>
    private static string Changes(ReportFigure f)
    {
        var yoy = ChartText.ChangeBetween(f.Measure, f.Value, f.YearAgo);
        var mom = ChartText.ChangeBetween(f.Measure, f.Value, f.Previous);
        return (yoy == "—" ? "" : $"，同比{yoy}") + (mom == "—" ? "" : $"，环比{mom}");
    }

    /// <summary>The alerts table the 预警 sentence points to.</summary>
    public static ReportTable Table(IReadOnlyList<Alert> alerts) =>
        new(["地区", "指标", "本期", "预警线", "情况"],
            alerts.Select(a => (IReadOnlyList<string>)[a.Region, a.Measure.NameZh, a.Value, a.Line, a.What]).ToList());
}
