namespace Analytics.Generator;

/// <summary>
/// cases/hotline_YYYYMM.csv: the 12345 platform's monthly ticket export, written month by month and row by row
/// so memory stays flat at any volume. Months run in parallel, each with its own seeded Random, so the bytes do
/// not depend on scheduling. Rates follow the path of the published figures (docs/domain/figures.md: resolution 53% and satisfaction 65% in
/// early 2019, both about 97% by 2024, response near 100%). The sample set also gives every township of 宝鸡 and 平谷
/// a real township's volume (streets a few hundred tickets a month) in every month, so a 同比 or 环比 compares like with
/// like; its months are then written as .csv.gz.
/// </summary>
internal static class HotlineWriter
{
    public const int Months = 72; // 2019-01 .. 2024-12
    public const long DefaultTickets = 46_000;

    private static readonly string[] Header =
        ["工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类别", "承办单位代码", "派单时间", "首次联系时间", "办结时间", "是否解决", "满意度", "是否吹哨", "报到部门"];

    private static readonly string[] WhistleDepartments = ["城市管理局", "市场监督管理局", "住房和城乡建设局", "生态环境局", "公安分局", "水务局"];

    // Planted defects: (month index, row index within the month). Months chosen with plenty of rows at any scale.
    private const int DispatchBeforeReceived = 4;      // 2019-05
    private const int UnknownUnit = 14;                // 2020-03
    private const int DuplicateWithinMonth = 31;       // 2021-08
    private const int DuplicateAcrossMonths = 37;      // 2022-02 reuses the first id of 2022-01
    private const int SatisfactionOutsideList = 53;    // 2023-06
    private const int BadReceivedDate = 62;            // 2024-03

    public static DateTime MonthStart(int month) => new(2019 + month / 12, month % 12 + 1, 1);

    /// <summary>Tickets per month: summer peak and slow growth, exact total.</summary>
    public static int[] MonthQuotas(long total) =>
        Apportion.Split(total, Enumerable.Range(0, Months)
            .Select(m => (1 + 0.25 * Math.Cos((m % 12 - 6) * Math.PI / 6)) * (1 + 0.3 * m / Months)).ToArray());

    /// <summary>
    /// Writes all months: <paramref name="total"/> tickets over <paramref name="units"/>, and <paramref name="dense"/>
    /// units at their own volume instead (none with --tickets, whose total stays exact).
    /// Returns the tickets written.
    /// </summary>
    public static long Write(IReadOnlyList<CaseUnit> units, IReadOnlyList<CaseUnit> dense, long total, int seed, WriteLog log,
        (PlantedEffect Effect, Dictionary<string, int> ReformMonth)? planted = null)
    {
        var quotas = MonthQuotas(total);
        var pool = HotlineContent.CallerPool(total);
        long written = 0;
        Parallel.For(0, Months, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            m => Interlocked.Add(ref written, WriteMonth(m, quotas, units, dense, pool, seed, log, planted)));
        return written;
    }

    /// <summary>
    /// A month's units and their tickets when some units are dense: the usual units outside the dense set keep their share of the month's
    /// quota; each dense unit gets its volume with the summer peak and some noise of its own.
    /// </summary>
    private static (IReadOnlyList<CaseUnit> Units, int[] Shares) Densify(int m, IReadOnlyList<CaseUnit> units, int[] shares, IReadOnlyList<CaseUnit> dense, Random random)
    {
        var denseCodes = dense.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var kept = Enumerable.Range(0, units.Count).Where(u => !denseCodes.Contains(units[u].Code)).ToList();
        // Summer peak and the same slow growth as the quotas (about 30% over six years): a 同比 shows a modest rise.
        var season = (1 + 0.1 * Math.Cos((m % 12 - 6) * Math.PI / 6)) * (0.85 + 0.3 * m / Months);
        var all = kept.Select(u => units[u]).Concat(dense).ToList();
        var counts = kept.Select(u => shares[u])
            .Concat(dense.Select(u => (int)Math.Round(u.Weight * season * (0.92 + random.NextDouble() * 0.16))))
            .ToArray();
        return (all, counts);
    }

    private static ExportEncoding EncodingOf(int month) => (month % 4) switch
    {
        1 => ExportEncoding.Gb18030,
        3 => ExportEncoding.Utf8,
        _ => ExportEncoding.Utf8Bom,
    };

    /// <summary>Some months come from an Excel re-save and carry 2024/7/3 14:05:00.</summary>
    private static string Stamp(int month, DateTime t) => month % 6 == 4 ? Timestamps.Slashed(t) : Timestamps.Iso(t);

    private static double Ramp(int month)
    {
        static double Logistic(double m) => 1 / (1 + Math.Exp(-(m - 28) / 7));
        return (Logistic(month) - Logistic(0)) / (Logistic(Months - 1) - Logistic(0));
    }

    private static int WriteMonth(int m, int[] quotas, IReadOnlyList<CaseUnit> units, IReadOnlyList<CaseUnit> dense, int pool, int seed, WriteLog log,
        (PlantedEffect Effect, Dictionary<string, int> ReformMonth)? planted)
    {
        var random = Seeds.For(seed, "hotline", m);
        var start = MonthStart(m);
        var relative = $"cases/hotline_{start:yyyyMM}.csv" + (dense.Count > 0 ? ".gz" : "");
        var count = quotas[m];

        // Which unit each ticket goes to, shuffled; and the receive times, sorted (the platform numbers tickets in
        // the order calls arrive). Two small arrays per month; tickets themselves are never held.
        var shares = Apportion.Split(count, units.Select(u => u.Weight * (0.85 + random.NextDouble() * 0.3)).ToArray());
        if (dense.Count > 0)
        {
            (units, shares) = Densify(m, units, shares, dense, random);
            count = shares.Sum();
            // A larger caller pool for the larger volume, so a caller still calls a few times, not dozens.
            pool = Math.Max(pool, HotlineContent.CallerPool((long)count * Months));
        }
        var unitOf = new int[count];
        for (int u = 0, k = 0; u < shares.Length; u++)
        {
            for (var j = 0; j < shares[u]; j++)
            {
                unitOf[k++] = u;
            }
        }
        random.Shuffle(unitOf);
        var secondsInMonth = (int)(start.AddMonths(1) - start).TotalSeconds;
        var offsets = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Fold night calls into the day: most calls arrive 8:00-22:00.
            var s = random.Next(secondsInMonth);
            var hour = s / 3600 % 24;
            offsets[i] = Math.Min(hour < 7 && random.Next(3) > 0 ? s + 9 * 3600 : s, secondsInMonth - 1);
        }
        Array.Sort(offsets);

        var ramp = Ramp(m);
        var resolution = 0.53 + 0.44 * ramp;
        var satisfaction = 0.65 + 0.32 * ramp;
        var response = 0.985 + 0.013 * ramp;

        using var csv = new CsvOut(log.PathOf(relative), EncodingOf(m), Header);
        var fields = new string[Header.Length];
        var previous = new string[Header.Length];
        for (var i = 0; i < count; i++)
        {
            var unit = units[unitOf[i]];
            // The same draws with or without a planted effect: only the probability they are compared with moves.
            var resolved = planted is var (effect, reformed) && reformed.TryGetValue(unit.Code, out var g)
                ? Math.Min(1, resolution + effect.At(m - g)) : resolution;
            var received = start.AddSeconds(offsets[i]);
            var dispatched = received.AddMinutes(random.Next(3, 240));
            var firstContact = random.NextDouble() < response
                ? dispatched.AddMinutes(random.Next(10, 20 * 60))
                : dispatched.AddMinutes(random.Next(25 * 60, 60 * 60));
            var isClosed = random.Next(100) > 0;
            var caller = HotlineContent.Caller(random, pool);
            var category = random.Next(HotlineContent.Categories.Length);
            var visited = isClosed && random.Next(100) >= 12;
            var whistle = random.Next(1000) < 15;

            fields[0] = $"GD{start:yyyyMM}{i + 1:D7}";
            fields[1] = Stamp(m, received);
            fields[2] = HotlineContent.Name(caller);
            fields[3] = HotlineContent.Phone(caller);
            fields[4] = HotlineContent.Content(random, category);
            fields[5] = HotlineContent.Categories[category];
            fields[6] = unit.Code;
            fields[7] = Stamp(m, dispatched);
            fields[8] = Stamp(m, firstContact);
            fields[9] = isClosed ? Stamp(m, firstContact.AddMinutes(random.Next(60, 7 * 24 * 60))) : "";
            fields[10] = !visited ? "未回访" : random.NextDouble() < resolved ? "已解决" : "未解决";
            fields[11] = !visited ? "未回访" : random.NextDouble() < satisfaction ? (random.Next(5) > 0 ? "满意" : "基本满意") : "不满意";
            fields[12] = RegionsWriter.YesNo(whistle);
            fields[13] = whistle ? unit.CountyName + WhistleDepartments[random.Next(WhistleDepartments.Length)] : "";

            Plant(m, i, received, fields, previous, csv.NextRecordNumber, relative, log);
            foreach (var field in fields)
            {
                csv.Field(field);
            }
            csv.EndRow();
            (fields, previous) = (previous, fields);
        }
        log.Wrote(relative, csv.Rows);
        return csv.Rows;
    }

    /// <summary>The handful of bad rows a real export contains; none of them touches a published figure.</summary>
    private static void Plant(int m, int i, DateTime received, string[] fields, string[] previous, int record, string file, WriteLog log)
    {
        switch (m)
        {
            case DispatchBeforeReceived when i == 10:
                fields[7] = Stamp(m, received.AddHours(-2));
                log.Defect(file, record, "派单时间", "dispatched two hours before the call was received");
                break;
            case UnknownUnit when i == 20:
                fields[6] = "999999999999";
                log.Defect(file, record, "承办单位代码", "999999999999 is not a region code");
                break;
            case DuplicateWithinMonth when i == 30:
                Array.Copy(previous, fields, fields.Length);
                log.Defect(file, record, "工单编号", $"{fields[0]} repeats the previous record (the whole row is duplicated)");
                break;
            case DuplicateAcrossMonths when i == 0:
                var last = MonthStart(m - 1);
                fields[0] = $"GD{last:yyyyMM}{1:D7}";
                log.Defect(file, record, "工单编号", $"{fields[0]} is also the first ticket of {file.Replace($"{MonthStart(m):yyyyMM}", $"{last:yyyyMM}", StringComparison.Ordinal)}");
                break;
            case SatisfactionOutsideList when i == 40:
                fields[11] = "非常满意";
                log.Defect(file, record, "满意度", "非常满意 is not one of 满意/基本满意/不满意/未回访");
                break;
            case BadReceivedDate when i == 50:
                fields[1] = "2024-13-45 10:20:00";
                log.Defect(file, record, "来电时间", "2024-13-45 is not a date");
                break;
        }
    }
}
