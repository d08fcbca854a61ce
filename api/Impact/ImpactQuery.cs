using System.Globalization;
using Analytics.Api.Access;
using Analytics.Api.Queries;
using Analytics.Api.Data;
using Analytics.Impact;
using Analytics.Warehouse.Measures;
using LinqToDB;
using LinqToDB.Async;

namespace Analytics.Api.Impact;

/// <summary>
/// An impact answer: the measure, the scope, the treatment and the months the panel spans, and the estimate (effects by
/// month relative to the reform, their average, the pre-trend test, group sizes, warnings).
/// </summary>
public sealed record ImpactAnswer(MeasureInfo Measure, string RegionCode, string RegionName, string Treatment, string TreatmentZh,
    string FirstMonth, string LastMonth, int Townships, ImpactEstimate Estimate);

/// <summary>What an impact analysis reads from the warehouse: the panel of township months and what it is of.</summary>
public sealed record ImpactPanel(MeasureInfo Measure, string RegionCode, string RegionName, string Treatment, string TreatmentZh,
    string FirstMonth, string LastMonth, Panel Panel)
{
    public ImpactAnswer Estimate(ImpactOptions options) =>
        new(Measure, RegionCode, RegionName, Treatment, TreatmentZh, FirstMonth, LastMonth, Panel.Units.Count,
            CallawaySantAnna.Estimate(Panel, options));
}

/// <summary>
/// Reads one measure's monthly township values under a region and each township's reform month through the request's
/// session (so the key's region scope applies), and runs <see cref="CallawaySantAnna"/> on them.
/// </summary>
public static class ImpactQuery
{
    /// <summary>The reform events the warehouse dates per township (docs/decisions: impact treatment).</summary>
    public static readonly IReadOnlyDictionary<string, string> Treatments = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["integration"] = "机构整合完成",
        ["devolution"] = "首项权力下放",
    };

    /// <summary>
    /// The estimate of <paramref name="measure"/> under <paramref name="region"/>, computed once per warehouse
    /// generation, key scope and parameters (<see cref="ImpactCache"/>): the JSON, the chart, the OData function and
    /// the report ask the same question and share the answer.
    /// </summary>
    public static async Task<Answer<ImpactAnswer>> Run(WarehouseQueries queries, string measure, string region, string? treatment,
        int? lead, int? lag, int? replicates)
    {
        treatment ??= "integration";
        var options = new ImpactOptions();
        options = options with { Lead = lead ?? options.Lead, Lag = lag ?? options.Lag, Replicates = replicates ?? options.Replicates };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            return QueryProblem.BadRequest(e.Message);
        }
        var key = string.Join('|', measure, region, treatment, options.Lead, options.Lag, options.Replicates,
            Access.RegionScope.Of(queries.User) ?? "");
        if (ImpactCache.Shared.Find(queries.GenerationFile, key) is { } kept)
            return kept;
        var read = await Read(queries, measure, region, treatment);
        if (read.Problem is { } problem)
            return problem;
        var p = read.Value!;
        var answer = p.Estimate(options);
        ImpactCache.Shared.Keep(queries.GenerationFile, key, answer);
        return answer;
    }

    /// <summary>
    /// The panel of one measure's monthly township values under a region with each township's first month of the
    /// treatment, read through the request's session and the key's scope (the bench times it apart from the estimate).
    /// </summary>
    public static async Task<Answer<ImpactPanel>> Read(WarehouseQueries queries, string measure, string region, string treatment)
    {
        if (!Treatments.TryGetValue(treatment, out var treatmentZh))
            return QueryProblem.BadRequest($"treatment must be one of {string.Join(", ", Treatments.Keys)}");
        if (MeasureCatalog.Find(measure) is not { } m)
            return WarehouseQueries.Measure(measure).Problem!;
        if (!m.Grains.Contains("month", StringComparison.Ordinal))
            return QueryProblem.BadRequest($"measure '{measure}' has no monthly values; an impact analysis needs a monthly measure");
        var found = await queries.Region(region);
        if (found.Problem is { } problem)
            return problem;
        var r = found.Value!;
        if (r.LevelRank > 3)
            return QueryProblem.BadRequest("an impact analysis compares the townships of a province, city or county; choose a region above township level");

        var session = queries.Session;
        var rows = await session.Table<MeasureValue>().MaskOutside(queries.User).Restrict(session.Db, queries.User, v => v.RegionCode)
            .Within(session.Db, region, v => v.RegionCode)
            .Where(v => v.MeasureId == measure && v.PeriodGrain == "month" && v.RegionLevel == "township" && v.Value != null)
            .Select(v => new { v.RegionCode, v.Period, v.Value, v.Numerator, v.Denominator })
            .ToListAsync(queries.Cancellation);
        if (rows.Count == 0)
            return QueryProblem.NotFound($"no monthly township values of {measure} under {region}");
        var months = rows.Select(x => Month(x.Period)).ToList();
        var (first, last) = (months.Min(), months.Max());
        // One month has no before and after (the panel needs two); a 404 like no values at all, not a 500.
        if (last == first)
            return QueryProblem.NotFound($"only one month of {measure} under {region}; an impact analysis needs several");
        var rate = m.Unit == MeasureUnit.Ratio;
        var observations = rows.Select((x, i) => rate
            ? new Observation(x.RegionCode, months[i] - first, x.Denominator is > 0 ? (double)x.Numerator!.Value / x.Denominator.Value : double.NaN,
                x.Denominator ?? 0)
            : new Observation(x.RegionCode, months[i] - first, x.Value!.Value, 1));
        var reformed = await ReformDates(queries, region, treatment);
        var firstTreated = reformed.ToDictionary(p => p.Key, p => Month(p.Value) - first, StringComparer.Ordinal);
        var panel = Panel.From(observations, last - first + 1, firstTreated);
        return new ImpactPanel(WarehouseQueries.Info(m), r.Code, r.Name, treatment, treatmentZh, Period(first), Period(last), panel);
    }

    /// <summary>Each township's first date of the treatment event, inside the region and the key's scope.</summary>
    private static async Task<Dictionary<string, DateOnly>> ReformDates(WarehouseQueries queries, string region, string treatment)
    {
        var (session, user) = (queries.Session, queries.User);
        var dates = treatment == "integration"
            ? session.Table<InstitutionReform>().Restrict(session.Db, user, x => x.TownshipCode).Within(session.Db, region, x => x.TownshipCode)
                .GroupBy(x => x.TownshipCode).Select(g => new { Code = g.Key, On = g.Min(x => x.CompletedOn) })
            : session.Table<DevolvedPower>().Restrict(session.Db, user, x => x.TownshipCode).Within(session.Db, region, x => x.TownshipCode)
                .GroupBy(x => x.TownshipCode).Select(g => new { Code = g.Key, On = g.Min(x => x.DevolvedOn) });
        return (await dates.ToListAsync(queries.Cancellation)).ToDictionary(x => x.Code, x => x.On, StringComparer.Ordinal);
    }

    /// <summary>A month as a running index (year × 12 + month - 1).</summary>
    private static int Month(string period) =>
        int.Parse(period.AsSpan(0, 4), CultureInfo.InvariantCulture) * 12 + int.Parse(period.AsSpan(5, 2), CultureInfo.InvariantCulture) - 1;

    private static int Month(DateOnly day) => day.Year * 12 + day.Month - 1;

    private static string Period(int month) => $"{month / 12:D4}-{month % 12 + 1:D2}";
}
