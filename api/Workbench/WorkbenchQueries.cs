using System.Globalization;
using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Charts;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Workbench;

/// <summary>A workbench question the warehouse cannot answer as asked: status and a Chinese reason for the page.</summary>
public sealed class WorkbenchProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The workbench's reads: the catalog, where a region sits, and a ranking of any level inside any region the key may
/// see. Everything goes through the request's session and the key's region scope, like the dashboards.
/// </summary>
public sealed class WorkbenchQueries(WarehouseSession session, ClaimsPrincipal user, CancellationToken cancellation,
    GenerationAnswers? kept = null)
{
    public static IReadOnlyList<string> Levels => Analytics.Api.Queries.Levels.All;

    /// <summary>
    /// Every measure with the periods it has values for: the same for every key (the region mask blanks values,
    /// it drops no rows), so kept once per load when <c>kept</c> is given.
    /// </summary>
    public Task<IReadOnlyList<CatalogMeasure>> Catalog() =>
        kept is null ? ReadCatalog() : kept.Get(session.GenerationFile, "catalog", ReadCatalog);

    private async Task<IReadOnlyList<CatalogMeasure>> ReadCatalog()
    {
        // Periods come from the top two levels: every period with a value anywhere has one there, and they are few rows.
        var periods = await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.RegionLevel == "province" || v.RegionLevel == "city")
            .Select(v => new { v.MeasureId, v.PeriodGrain, v.Period })
            .Distinct()
            .ToListAsync(cancellation);
        var byMeasure = periods.ToLookup(p => p.MeasureId, StringComparer.Ordinal);
        return MeasureCatalog.All.Select(m => Describe(m, byMeasure[m.Id]
            .GroupBy(p => p.PeriodGrain, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Period).OrderDescending(StringComparer.Ordinal).ToList(), StringComparer.Ordinal)))
            .ToList();
    }

    public static CatalogMeasure Describe(Measure m, IReadOnlyDictionary<string, List<string>>? periods = null) =>
        new(m.Id, m.NameZh, MeasureTexts.Definition(m), m.Unit.ToString().ToLowerInvariant(), MeasureTexts.Unit(m),
            MeasureTexts.IsPercent(m), MeasureTexts.Kind(m), m.HigherIsBetter, m.HasDirection, MeasureTexts.Direction(m), m.Grains.Split(','),
            periods ?? new Dictionary<string, List<string>>());

    public async Task<WhoAmI> Me()
    {
        var role = user.FindFirst(Roles.RoleClaim)?.Value ?? "";
        return RegionScope.Of(user) is { } code ? new WhoAmI(role, Ref(await Visible(code))) : new WhoAmI(role, null);
    }

    /// <summary>The key, the catalog and its scopes: one request, one connection, for a page being opened.</summary>
    public async Task<WorkbenchStart> Start() => new(await Me(), await Catalog(), await Scopes());

    /// <summary>Regions down to county level the key may see: the choices of a comparison's scope.</summary>
    public Task<IReadOnlyList<RegionRef>> Scopes() =>
        kept is null ? ReadScopes() : kept.Get(session.GenerationFile, "scopes|" + RegionScope.Of(user), ReadScopes);

    private async Task<IReadOnlyList<RegionRef>> ReadScopes() =>
        await session.Table<Region>().Restrict(session.Db, user, r => r.Code)
            .Where(r => r.LevelRank <= 3)
            .OrderBy(r => r.Code)
            .Select(r => new RegionRef(r.Code, r.Name, r.LevelEn, r.LevelRank, r.ParentCode))
            .ToListAsync(cancellation);

    /// <summary>A region with its path from the top the key sees (the breadcrumb) and the levels below it.</summary>
    public async Task<RegionPlace> Place(string code)
    {
        var region = await Visible(code);
        var path = await (
            from c in session.Table<RegionClosure>()
            where c.Code == code
            from r in session.Table<Region>().Restrict(session.Db, user, r => r.Code).Where(r => r.Code == c.AncestorCode)
            orderby c.Depth descending
            select new RegionRef(r.Code, r.Name, r.LevelEn, r.LevelRank, r.ParentCode))
            .ToListAsync(cancellation);
        return new RegionPlace(Ref(region), path, Levels.Skip(region.LevelRank).ToList());
    }

    /// <summary>
    /// The regions of <paramref name="level"/> inside <paramref name="scope"/> (everything the key sees when null),
    /// ranked on one measure and period across the whole scope, with the change from a year earlier and the interval.
    /// </summary>
    public async Task<Ranking> Rank(string measure, string period, string level, string? scope)
    {
        var m = Measure(measure);
        CheckPeriod(m, period);
        if (!Levels.Contains(level))
            throw new WorkbenchProblem(400, $"层级必须是 {string.Join("、", Levels)} 之一");
        RegionPlace? place = scope is null ? null : await Place(scope);
        if (place is not null && !place.LevelsBelow.Contains(level))
            throw new WorkbenchProblem(400, $"{place.Region.Name}之下没有“{level}”这一层级");

        var yearAgo = YearAgo(period);
        // The period and the same period a year earlier in one scan of measure_values, paired here by region: joining
        // a second scan on the region cost as much again.
        var values = session.Table<MeasureValue>().MaskOutside(user).Restrict(session.Db, user, v => v.RegionCode)
            .Where(v => v.MeasureId == measure && (v.Period == period || v.Period == yearAgo) && v.RegionLevel == level);
        if (scope is not null)
            values = values.Within(session.Db, scope, v => v.RegionCode);
        var read = await (
            from v in values
            from p in session.Table<Region>().Where(p => p.Code == v.ParentCode).DefaultIfEmpty()
            select new
            {
                v.Period, v.RegionCode, v.RegionName, v.ParentCode, ParentName = p.Name, v.Value, v.Numerator,
                v.Denominator, v.PreviousValue, v.Change, v.ParentValue,
            })
            .ToListAsync(cancellation);
        var before = read.Where(r => r.Period == yearAgo).ToDictionary(r => r.RegionCode, r => r.Value, StringComparer.Ordinal);
        var rows = read.Where(r => r.Period == period)
            .Select(r => new
            {
                r.RegionCode, r.RegionName, r.ParentCode, r.ParentName, r.Value, r.Numerator, r.Denominator,
                YearAgo = before.GetValueOrDefault(r.RegionCode), r.PreviousValue, r.Change, r.ParentValue,
            })
            .ToList();

        var ordered = (m.HigherIsBetter ? rows.OrderByDescending(r => r.Value ?? double.NegativeInfinity) : rows.OrderBy(r => r.Value ?? double.PositiveInfinity))
            .ThenBy(r => r.RegionCode, StringComparer.Ordinal).ToList();
        var min = await new WarehouseQueries(session, user, cancellation).MinDenominator();
        var ranked = new List<RankedRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            // Ties share the better rank (1, 2, 2, 4), as the warehouse ranks siblings.
            var rank = i > 0 && ordered[i - 1].Value == r.Value ? ranked[i - 1].Rank : i + 1;
            var (low, high, reliable) = Reliability.Of(m, r.Numerator, r.Denominator, min);
            var small = !reliable;
            ranked.Add(new RankedRow(rank, r.RegionCode, r.RegionName, r.ParentCode, r.ParentName, r.Value, r.Numerator, r.Denominator,
                r.YearAgo, r.Value - r.YearAgo, r.PreviousValue, r.Change, r.ParentValue, low, high, small));
        }
        var previous = await session.Table<DimPeriod>().Where(p => p.Period == period).Select(p => p.PreviousPeriod).FirstOrDefaultAsync(cancellation);
        var scopeValue = scope is null ? null : await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.RegionCode == scope && v.MeasureId == measure && v.Period == period)
            .Select(v => v.Value).FirstOrDefaultAsync(cancellation);
        return new Ranking(Describe(m), period, level, place?.Region, place?.Path ?? [], yearAgo, previous, scopeValue, ranked);
    }

    /// <summary>Every measure of a region in a period (yearly measures at the period's year), with its changes.</summary>
    public async Task<RegionPage> Page(string code, string period)
    {
        var place = await Place(code);
        if (!Periods.IsValid(period))
            throw new WorkbenchProblem(400, "期间格式应为 2024-07、2024-Q3 或 2024");
        var wanted = MeasureCatalog.All.Select(m => Periods.For(m, period)).Distinct().ToList();
        var asked = wanted.Concat(wanted.Select(YearAgo)).ToList();
        // One read of the region's rows (measures × periods, a few thousand at most) gives both the figures and the
        // periods it has values for: two filtered scans of measure_values cost twice one.
        var all = await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.RegionCode == code)
            .ToListAsync(cancellation);
        var at = all.Where(v => asked.Contains(v.Period)).ToDictionary(v => (v.MeasureId, v.Period));
        var min = await new WarehouseQueries(session, user, cancellation).MinDenominator();
        var figures = new List<RegionFigure>();
        foreach (var m in MeasureCatalog.All)
        {
            var p = Periods.For(m, period);
            if (!at.TryGetValue((m.Id, p), out var v))
                continue;
            var yearAgo = at.GetValueOrDefault((m.Id, YearAgo(p)));
            var (low, high, reliable) = Reliability.Of(m, v.Numerator, v.Denominator, min);
            var small = !reliable;
            figures.Add(new RegionFigure(Describe(m), p, v.Value, v.Numerator, v.Denominator, v.Value - yearAgo?.Value, v.Change,
                v.SiblingRank, v.SiblingCount, v.ParentValue, low, high, small));
        }
        var periods = all.Select(v => v.Period).Distinct(StringComparer.Ordinal)
            .OrderDescending(StringComparer.Ordinal).ToList();
        return new RegionPage(place, period, figures, periods);
    }

    /// <summary>The same period a year earlier: 2024-07 → 2023-07, 2024-Q3 → 2023-Q3, 2024 → 2023.</summary>
    public static string YearAgo(string period) =>
        (int.Parse(period[..4], CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture) + period[4..];

    public static Measure Measure(string id) =>
        MeasureCatalog.Find(id) ?? throw new WorkbenchProblem(400, $"没有指标“{id}”");

    private static void CheckPeriod(Measure m, string period)
    {
        if (!Periods.IsValid(period))
            throw new WorkbenchProblem(400, "期间格式应为 2024-07、2024-Q3 或 2024");
        if (!m.Grains.Split(',').Contains(Periods.Grain(period)))
            throw new WorkbenchProblem(400, $"{m.NameZh}只有按年的数据");
    }

    private async Task<Region> Visible(string code) =>
        await RegionScope.Find(session, user, code, cancellation)
        ?? throw new WorkbenchProblem(404, $"地区 {code} 不存在，或不在本密钥可查看的范围内");

    private static RegionRef Ref(Region r) => new(r.Code, r.Name, r.LevelEn, r.LevelRank, r.ParentCode);
}
