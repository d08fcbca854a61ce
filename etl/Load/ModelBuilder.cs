using System.Data.Common;
using System.Globalization;
using Analytics.Etl.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;
using Analytics.Warehouse.Storage;
using static Analytics.Etl.Load.Loader;
using static Analytics.Etl.Load.Sql;

namespace Analytics.Etl.Load;

/// <summary>
/// Rebuilds core (small: regions, periods, fact views) and brings the marts up to date for what the load changed:
/// the months of the monthly tables whose parts changed, every period when a small table, a region or a setting
/// changed, new periods, and the periods right after any of those (their change from the previous period).
/// </summary>
internal sealed partial class ModelBuilder(DbConnection connection, FactTables facts, LoadOptions options, IProgress<LoadProgress>? progress)
{
    private static readonly string[] MonthlyTables =
        Families.All.Where(f => f.MonthColumn is not null).Select(f => f.Table).ToArray();

    /// <summary>The measure settings of this load, as the settings table and the marts' SQL hold them.</summary>
    private Dictionary<string, string> Settings()
    {
        var (w1, w2, w3) = options.CompositeWeights;
        return new Dictionary<string, string>
        {
            ["layout"] = Layout,
            ["response_limit_hours"] = options.ResponseLimitHours.ToString(CultureInfo.InvariantCulture),
            ["count_basic_satisfied"] = options.CountBasicSatisfied ? "true" : "false",
            ["weight_response"] = w1.ToString(CultureInfo.InvariantCulture),
            ["weight_resolution"] = w2.ToString(CultureInfo.InvariantCulture),
            ["weight_satisfaction"] = w3.ToString(CultureInfo.InvariantCulture),
            ["min_denominator"] = options.MinDenominator.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Writes the measure settings and the catalog; true when a setting differs from the last load's.</summary>
    public bool WriteSettings()
    {
        var settings = Settings();
        var before = Query(connection, "SELECT key, value FROM settings", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(s => s.Item1, s => s.Item2);
        var changed = before.Count > 0 && settings.Any(s => !before.TryGetValue(s.Key, out var v) || v != s.Value);
        Execute(connection, "DELETE FROM settings;" + string.Concat(settings.Select(s =>
            $"INSERT INTO settings VALUES ({Lit(s.Key)}, {Lit(s.Value)});" + (s.Key == "layout" ? "" : $" SET VARIABLE {s.Key} = {s.Value};"))));
        Execute(connection, "DELETE FROM dim_measure");
        using var appender = Engine.Appender(connection, "dim_measure");
        foreach (var m in MeasureCatalog.All)
        {
            appender.CreateRow().AppendValue(m.Id).AppendValue(m.NameZh).AppendValue(m.NameEn).AppendValue(m.Definition)
                .AppendValue(m.Unit.ToString().ToLowerInvariant()).AppendValue(m.Kind.ToString().ToLowerInvariant())
                .AppendValue(m.Family).AppendValue(m.HigherIsBetter).AppendValue(m.Grains)
                .AppendValue(m.Direction.ToString().ToLowerInvariant()).EndRow();
        }
        return changed;
    }

    /// <param name="all">Recompute every month and period (a setting changed, or --rebuild).</param>
    public void Build(LoadChanges changes, bool all)
    {
        var settings = Settings();
        var hadPeriods = Query(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dim_period' AND schema_name = 'main'", r => r.GetInt64(0))[0] > 0;
        Execute(connection, hadPeriods
            ? "CREATE OR REPLACE TEMP TABLE previous_dim_period AS SELECT * FROM dim_period"
            : "CREATE OR REPLACE TEMP TABLE previous_dim_period (period VARCHAR, grain VARCHAR, start_date DATE, end_date DATE, previous_period VARCHAR)");
        var scripts = SqlScripts.Layer("core").Concat(SqlScripts.Layer("marts")).ToList();
        var step = 0;
        var hasRegions = Query(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'region_closure' AND schema_name = 'main'", r => r.GetInt64(0))[0] > 0;
        foreach (var script in SqlScripts.Layer("core"))
        {
            // The region closure costs a second to rebuild and changes only with regions.csv.
            if (script.EndsWith("_dim_region.sql", StringComparison.Ordinal) && hasRegions && !all && !changes.WholeTables.Contains(Families.Regions.Table))
                continue;
            Run(script, step++, scripts.Count, settings);
        }

        // Small tables (reforms, devolved powers, grids, staffing, regions) feed every period: when one changed,
        // all periods are recomputed, which costs the number of regions and periods, not the number of tickets.
        var everything = all || !hadPeriods || changes.WholeTables.Count > 0;
        Execute(connection, "CREATE OR REPLACE TEMP TABLE affected_months (table_name VARCHAR, month DATE)");
        foreach (var table in MonthlyTables)
        {
            // Events belong to the community their grid's latest snapshot names: a grid change moves them all.
            var wholeTable = all || !hadPeriods || (table == Families.GridEvents.Table && changes.WholeTables.Contains(Families.GridSnapshots.Table));
            if (wholeTable)
            {
                Execute(connection, $"INSERT INTO affected_months SELECT DISTINCT {Lit(table)}, month FROM period_month");
                var flows = $"flow_{FlowName(table)}_monthly";
                if (Query(connection, $"SELECT count(*) FROM duckdb_tables() WHERE table_name = {Lit(flows)}", r => r.GetInt64(0))[0] > 0)
                    Execute(connection, $"INSERT INTO affected_months SELECT DISTINCT {Lit(table)}, month FROM {flows}");
                facts.DefineView(table);
            }
            else
            {
                var months = changes.Months.TryGetValue(table, out var set) ? set : [];
                if (months.Count > 0)
                {
                    Execute(connection, $"INSERT INTO affected_months VALUES {string.Join(", ", months.Select(m => $"({Lit(table)}, DATE '{m:yyyy-MM-dd}')"))}");
                }
                facts.DefineView(table, months);
            }
        }
        NarrowOldCounts();
        Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE affected_periods AS
            SELECT period FROM dim_period WHERE {(everything ? "true" : "false")}
            UNION SELECT pm.period FROM period_month pm JOIN affected_months a ON a.month = pm.month
            UNION SELECT d.period FROM dim_period d LEFT JOIN previous_dim_period p USING (period)
                  WHERE p.period IS NULL OR p.previous_period IS DISTINCT FROM d.previous_period
            """);
        try
        {
            foreach (var script in SqlScripts.Layer("marts"))
                Run(script, step++, scripts.Count, settings);
        }
        finally
        {
            foreach (var table in MonthlyTables)
                facts.DefineView(table);
        }
    }

    /// <summary>
    /// Catalogs written before the flow marts cast their sums to BIGINT hold them as HUGEINT, which DuckDB scanned
    /// about 30 times slower (0.3 s for 196,000 rows of flow_rollup on every monthly load): narrowed once, in place.
    /// </summary>
    private void NarrowOldCounts()
    {
        var wide = Query(connection, """
            SELECT table_name, column_name FROM duckdb_columns()
            WHERE schema_name = 'main' AND data_type = 'HUGEINT' AND table_name LIKE 'flow\_%' ESCAPE '\'
            """, r => (Table: r.GetString(0), Column: r.GetString(1)));
        foreach (var (table, column) in wide)
            Execute(connection, $"ALTER TABLE {Id(table)} ALTER {Id(column)} TYPE BIGINT");
    }

    /// <summary>
    /// The scripts read settings with <c>getvariable</c>, so they run as written after <c>SET VARIABLE</c>; the
    /// loader writes the values in instead: DuckDB evaluates <c>getvariable</c> per row, and the composite score's
    /// three calls were most of the cost of a month's measures (0.5 s of CPU for 3,728 rows).
    /// </summary>
    private static string InlineSettings(string sql, IReadOnlyDictionary<string, string> settings) =>
        Variable().Replace(sql, m => settings.TryGetValue(m.Groups[1].Value, out var value) ? $"({value})" : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"getvariable\('([a-z_]+)'\)")]
    private static partial System.Text.RegularExpressions.Regex Variable();

    private static string FlowName(string table) => table switch
    {
        "stg_hotline_tickets" => "tickets",
        "stg_enforcement_cases" => "cases",
        _ => "events",
    };

    private void Run(string script, int step, int total, IReadOnlyDictionary<string, string> settings)
    {
        progress?.Report(new("building", script, step, total));
        try
        {
            // One transaction per script: a commit per statement fsynced the log some 40 times in a month's load
            // (0.1 s of its 3 s). Not one for the whole build: a script reading another's rows still uncommitted in
            // the same transaction read them 1.6 times slower (a full load's comparisons, 4.2 s against 6.8 s at 1M).
            Execute(connection, "BEGIN TRANSACTION;\n" + InlineSettings(SqlScripts.Get(script), settings) + "\n;COMMIT;");
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"warehouse script {script} failed: {e.Message}", e);
        }
    }
}
