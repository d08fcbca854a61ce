namespace Analytics.Generator;

/// <summary>
/// Decides every township's reform so the workbooks reproduce report 000 (宝鸡 limits, 蔡家坡镇),
/// 002 (平谷 pilots' internal bodies) and 003 (江西 18,150 bodies integrated at a 60% rate).
/// </summary>
internal static class ReformPlan
{
    // 江西: sum(before - after) "18000余" and rate 60%: 18,150 / 30,250 = 0.600 exactly.
    public const int JiangxiIntegrated = 18_150;
    public const int JiangxiBodiesAfter = 12_100;

    private const string Numerals = "零一两三四五六七八九十";

    public static List<Reform> Build(RegionTree tree, int seed)
    {
        var random = Seeds.For(seed, "reform");
        var reforms = new List<Reform>();
        reforms.AddRange(Baoji(tree, random));
        reforms.AddRange(Linyi(tree, random));
        reforms.AddRange(Pinggu(tree, random));
        reforms.AddRange(Jiangxi(tree, random));
        reforms.Add(new Reform(tree[Codes.Xiazhuang], new DateOnly(2014, 6, 30), "六办三中心", 14, 6, 7, 3));
        return reforms;
    }

    private static string Model(int bodies, int institutions) => $"{Numerals[bodies]}办{Numerals[institutions]}中心";

    private static DateOnly Completed(Random random) =>
        new DateOnly(2019, 3, 1).AddDays(random.Next(0, 640)); // March 2019 .. November 2020

    private static IEnumerable<Reform> Baoji(RegionTree tree, Random random)
    {
        foreach (var t in tree.Townships(Codes.Baoji))
        {
            // Towns: bodies plus institutions at most 10; streets 8-9 in all (report 000).
            var (bodies, institutions) = t.Name == "蔡家坡镇" ? (9, 1)
                : t.IsStreet ? (random.Next(6, 8), 2)
                : (random.Next(7, 9), 2);
            yield return new Reform(t, Completed(random), Model(bodies, institutions),
                bodies + random.Next(6, 12), bodies, institutions + random.Next(2, 6), institutions);
        }
    }

    private static IEnumerable<Reform> Linyi(RegionTree tree, Random random)
    {
        foreach (var t in tree.Townships(Codes.Linyi))
        {
            var bodies = t.IsStreet ? random.Next(6, 9) : random.Next(7, 10);
            yield return new Reform(t, Completed(random), Model(bodies, 3),
                bodies + random.Next(4, 10), bodies, random.Next(5, 9), 3);
        }
    }

    private static IEnumerable<Reform> Pinggu(RegionTree tree, Random random)
    {
        // Report 002: internal bodies 12 -> 7 and 8 -> 4 in two pilot towns; the third pilot is not published.
        var pilotInternal = new Dictionary<string, (int Before, int After)>
        {
            ["峪口镇"] = (12, 7),
            ["马坊镇"] = (8, 4),
            ["金海湖镇"] = (10, 6),
        };
        foreach (var t in tree.Townships(Codes.Pinggu))
        {
            var bodies = random.Next(7, 10);
            var completed = t.Pilot ? new DateOnly(2019, 12, 20) : new DateOnly(2020, 6, 1).AddDays(random.Next(0, 150));
            var known = pilotInternal.TryGetValue(t.Name, out var pair);
            yield return new Reform(t, completed, Model(bodies, 3), bodies + random.Next(3, 8), bodies,
                random.Next(4, 8), 3, known ? pair.Before : null, known ? pair.After : null);
        }
    }

    private static IEnumerable<Reform> Jiangxi(RegionTree tree, Random random)
    {
        var townships = tree.Townships(Codes.Jiangxi).ToList();
        // Report 003: developed towns "一办七局" (8 bodies), other 乡镇 7-9, streets 5-7.
        int Low(Region t) => t.Developed ? 8 : t.IsStreet ? 5 : 7;
        int High(Region t) => t.Developed ? 8 : t.IsStreet ? 7 : 9;
        var after = townships.Select(t => random.Next(Low(t), High(t) + 1)).ToArray();

        // Nudge single units within their band until the total is exact.
        var diff = JiangxiBodiesAfter - after.Sum();
        while (diff != 0)
        {
            var i = random.Next(after.Length);
            var step = Math.Sign(diff);
            if (after[i] + step >= Low(townships[i]) && after[i] + step <= High(townships[i]))
            {
                after[i] += step;
                diff -= step;
            }
        }

        var integrated = Apportion.Split(JiangxiIntegrated, after.Select(a => a * (0.8 + random.NextDouble() * 0.4)).ToArray());
        for (var i = 0; i < townships.Count; i++)
        {
            var t = townships[i];
            var model = t.Developed ? "一办七局" : Model(after[i], 2);
            yield return new Reform(t, Completed(random), model, after[i] + integrated[i], after[i], random.Next(4, 10), 2);
        }
    }
}
