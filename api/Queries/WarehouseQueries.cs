using System.Security.Claims;
using Analytics.Api.Access;
using Analytics.Api.Forecasts;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Analytics.Api.Queries;

/// <summary>
/// The one query layer: regions, comparisons, trends, overviews, monthly series and forecasts, each a value or a
/// <see cref="QueryProblem"/>, scoped to the key's region and read through the request's session, so every answer of
/// one request (a whole report included) comes from the same warehouse generation. Dashboards, charts, reports and
/// forecasts are adapters over this class; none calls another's HTTP handler.
/// </summary>
public sealed class WarehouseQueries(WarehouseSession session, ClaimsPrincipal user, CancellationToken cancellation)
{
    private static readonly string[] Grains = ["month", "quarter", "year"];

    public WarehouseSession Session => session;

    public ClaimsPrincipal User => user;

    public CancellationToken Cancellation => cancellation;

    /// <summary>The generation file every answer of this session comes from.</summary>
    public string GenerationFile => session.GenerationFile;

    public async Task<Answer<Region>> Region(string code) =>
        await RegionScope.Find(session, user, code, cancellation) is { } r ? r : QueryProblem.NotFound(RegionScope.NotVisible(code));

    public static Answer<Measure> Measure(string id) =>
        MeasureCatalog.Find(id) is { } m ? m : QueryProblem.BadRequest($"unknown measure '{id}' (see /odata/Measures)");

    /// <summary>The regions of one level (under <paramref name="within"/> when given) on a measure and period, best first.</summary>
    public async Task<Answer<Comparison>> Compare(string measure, string period, string level, string? within)
    {
        if (CompareProblem(measure, level) is { } problem)
            return problem;
        var m = MeasureCatalog.Find(measure)!;
        var list = await ComparisonRows(m, period, level, within).ToListAsync(cancellation);
        var min = await MinDenominator();
        return new Comparison(Info(m), period, level, within, list.Select(r => Reliable(m, r, min)).ToList());
    }

    /// <summary>
    /// <see cref="Compare"/>'s rows read one at a time from DuckDB's reader (the same SQL, from the same query), for a
    /// writer that streams them: no row objects, and the statement is rendered once per question, not per run.
    /// </summary>
    public async Task<Answer<ComparisonCursor>> CompareCursor(string measure, string period, string level,
        string? within)
    {
        if (CompareProblem(measure, level) is { } problem)
            return problem;
        var m = MeasureCatalog.Find(measure)!;
        var statement = ComparisonStatements.Get(
            (measure, period, level, within, RegionScope.Of(user), RegionScope.SeesOutside(user)),
            () => ComparisonRows(m, period, level, within).ToSqlQuery());
        var min = await MinDenominator();
        var reader = await new CommandInfo(session.Db, statement.Sql, [.. statement.Parameters])
            .ExecuteReaderAsync(cancellation);
        try
        {
            return new ComparisonCursor(reader, reader.Reader!, m, Info(m), period, level, within, min);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    private static QueryProblem? CompareProblem(string measure, string level) =>
        MeasureCatalog.Find(measure) is null ? Measure(measure).Problem
        : !Levels.All.Contains(level) ? QueryProblem.BadRequest($"level must be one of {string.Join(", ", Levels.All)}")
        : null;

    // Rendered statements of recent comparison questions: linq2db rebuilds and re-renders a statement with a string
    // parameter on every run. Keyed by every value the SQL depends on (the key's scope included), never by generation.
    private static readonly StatementCache ComparisonStatements = new(1024);

    private IQueryable<ComparisonRow> ComparisonRows(Measure m, string period, string level, string? within)
    {
        var measure = m.Id;
        var rows = session.Table<MeasureValue>().MaskOutside(user).Restrict(session.Db, user, v => v.RegionCode)
            .Where(v => v.MeasureId == measure && v.Period == period && v.RegionLevel == level);
        if (within is not null)
            rows = rows.Within(session.Db, within, v => v.RegionCode);
        var ordered = m.HigherIsBetter ? rows.OrderByDescending(v => v.Value) : rows.OrderBy(v => v.Value);
        return ordered.ThenBy(v => v.RegionCode)
            .Select(v => new ComparisonRow(v.RegionCode, v.RegionName, v.ParentCode, v.Value, v.Numerator,
                v.Denominator, v.SiblingRank, v.SiblingCount, v.ParentValue, v.DifferenceFromParent, v.PreviousValue,
                v.Change));
    }

    /// <summary>A measure for a region over a range of periods of one grain, with its parent's value for reference.</summary>
    public async Task<Answer<Trend>> Trend(string measure, string region, string? grain, string? from, string? to)
    {
        if (MeasureCatalog.Find(measure) is not { } m)
            return Measure(measure).Problem!;
        grain ??= m.Grains.Contains("month", StringComparison.Ordinal) ? "month" : "year";
        if (!Grains.Contains(grain))
            return QueryProblem.BadRequest($"grain must be one of {string.Join(", ", Grains)}");
        var found = await Region(region);
        if (found.Problem is { } problem)
            return problem;
        var r = found.Value!;
        var periods = session.Table<DimPeriod>().Where(p => p.Grain == grain);
        if (from is not null)
            periods = periods.Where(p => string.Compare(p.Period, from) >= 0);
        if (to is not null)
            periods = periods.Where(p => string.Compare(p.Period, to) <= 0);
        var points = await (
            from p in periods
            from v in session.Table<MeasureValue>().MaskOutside(user)
                .Where(v => v.RegionCode == region && v.MeasureId == measure && v.Period == p.Period).DefaultIfEmpty()
            orderby p.StartDate
            select new TrendPoint(p.Period, v.Value, v.Numerator, v.Denominator, v.ParentValue, v.Change))
            .ToListAsync(cancellation);
        // Periods span every year any fact touches (staffing goes back further than tickets): without an explicit
        // range, start and end where the region or its parent has data; gaps inside stay as nulls.
        static bool HasData(TrendPoint p) => p.Value is not null || p.ParentValue is not null;
        var first = from is null ? points.FindIndex(HasData) : 0;
        var last = to is null ? points.FindLastIndex(HasData) : points.Count - 1;
        var min = await MinDenominator();
        points = first < 0 ? [] : points[first..(last + 1)].Select(p => Reliable(m, p, min)).ToList();
        var parentName = r.ParentCode is null ? null
            : await session.Table<Region>().Where(x => x.Code == r.ParentCode).Select(x => x.Name).FirstOrDefaultAsync(cancellation);
        return new Trend(Info(m), r.Code, r.Name, r.ParentCode, parentName, grain, points);
    }

    /// <summary>The key figures of a region in a period, in catalog order.</summary>
    public async Task<Answer<Overview>> Overview(string region, string period)
    {
        var found = await Region(region);
        if (found.Problem is { } problem)
            return problem;
        var r = found.Value!;
        var values = await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.RegionCode == region && v.Period == period)
            .ToListAsync(cancellation);
        var byId = values.ToDictionary(v => v.MeasureId, StringComparer.Ordinal);
        var min = await MinDenominator();
        var figures = MeasureCatalog.All
            .Where(m => byId.ContainsKey(m.Id))
            .Select(m =>
            {
                var v = byId[m.Id];
                return Reliable(new Figure(Info(m), v.Value, v.Numerator, v.Denominator, v.PreviousValue, v.Change, v.SiblingRank,
                    v.SiblingCount, v.ParentValue), m, min);
            })
            .ToList();
        return new Overview(r.Code, r.Name, r.LevelEn, period, figures);
    }

    /// <summary>One region's monthly values of one measure, oldest first (what a forecast is trained on).</summary>
    public async Task<List<MonthValue>> Months(string measure, string region) =>
        await session.Table<MeasureValue>().MaskOutside(user)
            .Where(v => v.MeasureId == measure && v.RegionCode == region && v.PeriodGrain == "month")
            .OrderBy(v => v.Period)
            .Select(v => new MonthValue(v.Period, v.Value, v.Numerator, v.Denominator))
            .ToListAsync(cancellation);

    /// <summary>
    /// The forecast of a monthly measure for a region the key may see, from <paramref name="origin"/> (the series' last
    /// month when null), trained on this session's generation.
    /// </summary>
    public async Task<Answer<ForecastResult>> Forecast(ForecastCache forecaster, string measure, string region, int horizon, string? origin)
    {
        if ((await Region(region)).Problem is { } problem)
            return problem;
        try
        {
            return await forecaster.ForecastAsync(this, measure, region, horizon, origin, cancellation) is { } result
                ? result
                : QueryProblem.NotFound(ForecastCache.NoValues(region, measure));
        }
        catch (ArgumentException e)
        {
            return QueryProblem.BadRequest(e.Message);
        }
    }

    public static MeasureInfo Info(Measure m) =>
        new(m.Id, m.NameZh, m.NameEn, m.Unit.ToString().ToLowerInvariant(), m.Kind.ToString().ToLowerInvariant(), m.HigherIsBetter)
        {
            Direction = m.Direction.ToString().ToLowerInvariant(),
        };

    /// <summary>
    /// The smallest denominator a rate is ranked on: the load's <c>min_denominator</c> setting, else the default. Read
    /// once per generation (a load's setting does not change), not once per question.
    /// </summary>
    public async Task<int> MinDenominator()
    {
        const string key = "min_denominator";
        var settings = session.Generation.Settings;
        if (settings.TryGetValue(key, out var known))
            return (int)known;
        var setting = await session.Db.GetTable<Setting>().Where(s => s.Key == key).Select(s => s.Value)
            .FirstOrDefaultAsync(cancellation);
        var min = int.TryParse(setting, out var n) && n > 0 ? n : Reliability.DefaultMinDenominator;
        settings[key] = min;
        return min;
    }

    private static ComparisonRow Reliable(Measure m, ComparisonRow r, int min)
    {
        var (low, high, reliable) = Reliability.Of(m, r.Numerator, r.Denominator, min);
        return r with { Low = low, High = high, Reliable = reliable };
    }

    private static TrendPoint Reliable(Measure m, TrendPoint p, int min)
    {
        var (low, high, reliable) = Reliability.Of(m, p.Numerator, p.Denominator, min);
        return p with { Low = low, High = high, Reliable = reliable };
    }

    private static Figure Reliable(Figure f, Measure m, int min)
    {
        var (low, high, reliable) = Reliability.Of(m, f.Numerator, f.Denominator, min);
        return f with { Low = low, High = high, Reliable = reliable };
    }
}
