namespace Analytics.Generator;

/// <summary>grids/events_宝鸡市.jsonl: events grid members found in 2023-2024, about 90% closed.</summary>
internal static class GridEventsWriter
{
    public const int BaojiEvents = 4_000;

    private static readonly string[] Categories = ["环境卫生", "安全隐患", "矛盾纠纷", "违法建设", "占道经营", "设施损坏", "民生服务"];
    private static readonly string[] Sources = ["patrol", "patrol", "patrol", "hotline", "camera", "drone"];

    public static void Write(IReadOnlyList<string> grids, int seed, WriteLog log)
    {
        var random = Seeds.For(seed, "events");
        const string file = "grids/events_宝鸡市.jsonl";
        using var lines = new JsonLines(log.PathOf(file), gzip: false);
        var start = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var minutes = (int)(new DateTime(2025, 1, 1) - start).TotalMinutes;
        // Report times in order, as the platform numbers its events.
        var offsets = Enumerable.Range(0, BaojiEvents).Select(_ => random.Next(minutes)).Order().ToArray();
        for (var i = 0; i < BaojiEvents; i++)
        {
            var reported = start.AddMinutes(offsets[i]).AddSeconds(random.Next(60));
            var dispatched = reported.AddMinutes(random.Next(5, 120));
            var closed = random.NextDouble() < 0.9;
            var status = closed ? "closed" : random.Next(2) == 0 ? "open" : "in_progress";
            lines.Begin()
                .Str("event_id", $"EV{reported.Year}{i + 1:D6}")
                .Str("grid_code", grids[random.Next(grids.Count)])
                .Str("category", Categories[random.Next(Categories.Length)])
                .Str("reported_at", Timestamps.Iso(reported, 'T'))
                .Str("dispatched_at", Timestamps.Iso(dispatched, 'T'))
                .Str("closed_at", closed ? Timestamps.Iso(dispatched.AddMinutes(random.Next(60, 7200)), 'T') : null)
                .Str("status", status)
                .Str("source", Sources[random.Next(Sources.Length)])
                .End();
        }
        log.Wrote(file, lines.Rows);
    }
}
