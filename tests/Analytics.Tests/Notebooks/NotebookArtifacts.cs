using System.Globalization;
using System.Text;
using Analytics.Tests.Etl;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// What each notebook and its C# twin must write, checked against SQL on the warehouse: the notebook and the program
/// of a name pass the same checks, so they answer the question the same way.
/// </summary>
public static class NotebookArtifacts
{
    public static void Check(string name, string outputFolder, SampleWarehouse samples)
    {
        switch (name)
        {
            case "measure_catalog":
                MeasureCatalog(Read(outputFolder, "measure_catalog.csv"), samples);
                break;
            case "county_hotline_ranking":
                CountyRanking(Read(outputFolder, "county_hotline_ranking.csv"), samples);
                break;
            case "reform_and_satisfaction":
                ReformPanel(Read(outputFolder, "reform_satisfaction_panel.csv"), samples);
                break;
            case "reform_impact":
                ImpactEventStudy(Read(outputFolder, "impact_event_study.csv"));
                break;
            default:
                Assert.Fail($"notebooks/{name}: add a check of what it writes to NotebookArtifacts");
                break;
        }
    }

    private static void MeasureCatalog(Csv csv, SampleWarehouse samples)
    {
        csv.HasColumns("measure_id", "name_zh", "name_en", "definition", "unit", "kind", "family", "higher_is_better", "grains", "direction");
        var expected = samples.Query("SELECT id, unit, kind, name_zh FROM dim_measure ORDER BY id")
            .Select(r => string.Join("|", r)).Order(StringComparer.Ordinal).ToList();
        var written = csv.Rows.Select(r => string.Join("|", r["measure_id"], r["unit"], r["kind"], r["name_zh"]))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, written);
    }

    private static void CountyRanking(Csv csv, SampleWarehouse samples)
    {
        csv.HasColumns("county_code", "county_name", "period", "region_code", "region_name", "measure_id", "value",
            "numerator", "denominator", "rank", "units_ranked");
        // The county the notebook must pick: most townships with tickets in the latest year, then most tickets.
        var county = samples.Query("""
            WITH latest AS (SELECT max(period) AS period FROM measure_values WHERE measure_id = 'hotline_tickets' AND period_grain = 'year')
            SELECT parent_code, latest.period FROM measure_values JOIN latest USING (period)
            WHERE measure_id = 'hotline_tickets' AND region_level = 'township'
            GROUP BY parent_code, latest.period ORDER BY count(*) DESC, sum(numerator) DESC LIMIT 1
            """).Single();
        var (countyCode, period) = ((string)county[0]!, (string)county[1]!);
        Assert.All(csv.Rows, r => Assert.Equal((countyCode, period), (r["county_code"], r["period"])));

        var expected = samples.Query($"""
            SELECT region_code, measure_id, value, numerator, sibling_rank, sibling_count FROM measure_values
            WHERE parent_code = '{countyCode}' AND period = '{period}' AND region_level = 'township'
              AND measure_id IN ('hotline_response_rate', 'hotline_resolution_rate', 'hotline_satisfaction_rate', 'hotline_composite_score')
            """).ToDictionary(r => ((string)r[0]!, (string)r[1]!));
        Assert.Equal(expected.Count, csv.Rows.Count);
        Assert.True(expected.Count >= 4 * 3, $"{countyCode} has too few ranked units to show a ranking");
        foreach (var row in csv.Rows)
        {
            var sql = expected[(row["region_code"], row["measure_id"])];
            var what = $"{row["region_name"]} {row["measure_id"]}";
            Assert.True(Convert.ToInt64(sql[4], CultureInfo.InvariantCulture) == Csv.Long(row["rank"]), $"{what}: rank {row["rank"]}, measure_values says {sql[4]}");
            Assert.Equal(Convert.ToDouble(sql[2], CultureInfo.InvariantCulture), Csv.Double(row["value"])!.Value, 9);
            Assert.Equal(sql[3] is null ? null : Convert.ToInt64(sql[3], CultureInfo.InvariantCulture), Csv.Long(row["numerator"]));
            Assert.Equal(Convert.ToInt64(sql[5], CultureInfo.InvariantCulture), Csv.Long(row["units_ranked"]));
        }
    }

    private static void ReformPanel(Csv csv, SampleWarehouse samples)
    {
        csv.HasColumns("region_code", "region_name", "county_code", "year", "satisfaction_rate", "satisfied", "rated",
            "reform_year", "reformed", "streamlining_rate", "devolved_powers", "devolved_powers_cumulative");
        // From the facts, not the marts: ratings per township and year, the reform's completion year, distinct items
        // devolved up to each year's end.
        var expected = samples.Query("""
            WITH panel AS (
              SELECT township_code, year(received_at) AS year,
                     count(*) FILTER (satisfaction IN ('满意', '基本满意')) AS satisfied, count(*) FILTER (satisfaction <> '未回访') AS rated
              FROM fact_hotline_ticket GROUP BY ALL HAVING count(*) FILTER (satisfaction <> '未回访') > 0)
            SELECT p.township_code, p.year, p.satisfied, p.rated,
                   (SELECT year(min(completed_on)) FROM fact_institution_reform r WHERE r.township_code = p.township_code),
                   (SELECT count(DISTINCT item_code) FROM fact_devolved_power d WHERE d.township_code = p.township_code AND year(d.devolved_on) <= p.year)
            FROM panel p
            """).ToDictionary(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Count, csv.Rows.Count);
        foreach (var row in csv.Rows)
        {
            var key = (row["region_code"], Csv.Long(row["year"])!.Value);
            Assert.True(expected.TryGetValue(key, out var sql), $"{key} is not a township and year with rated tickets");
            var numbers = sql!.Skip(2).Select(v => v is null ? (long?)null : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal((numbers[0], numbers[1]), (Csv.Long(row["satisfied"]), Csv.Long(row["rated"])));
            Assert.Equal((double)numbers[0]!.Value / numbers[1]!.Value, Csv.Double(row["satisfaction_rate"])!.Value, 9);
            Assert.Equal(numbers[2], Csv.Long(row["reform_year"]));
            Assert.Equal(numbers[2] is { } reformYear && key.Item2 >= reformYear, bool.Parse(row["reformed"]));
            Assert.True(numbers[3] == Csv.Long(row["devolved_powers_cumulative"]), $"{key}: devolved powers to date {row["devolved_powers_cumulative"]}, the facts say {numbers[3]}");
        }
        Assert.Contains(csv.Rows, r => Csv.Long(r["devolved_powers_cumulative"]) > 0);
    }

    private static Csv Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        Assert.True(File.Exists(path), $"{file} was not written to {folder}: " + string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName)));
        return Csv.Parse(File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>A CSV the notebooks write: a header, quoted fields where needed, no line breaks inside fields.</summary>
    /// <summary>
    /// The notebook recomputes every event-time estimate from the feed; each must equal the API's, and the API's must
    /// sit inside its own interval. Month -1 is the base and has no row.
    /// </summary>
    private static void ImpactEventStudy(Csv csv)
    {
        csv.HasColumns("event_time", "estimate_api", "estimate_reproduced", "low", "high", "cohorts", "treated_units", "comparison_units");
        Assert.Equal(Enumerable.Range(-12, 37).Where(e => e != -1).Select(e => (long?)e), csv.Rows.Select(r => Csv.Long(r["event_time"])));
        foreach (var row in csv.Rows)
        {
            var (api, reproduced) = (Csv.Double(row["estimate_api"]), Csv.Double(row["estimate_reproduced"]));
            Assert.True(api.HasValue == reproduced.HasValue, $"event time {row["event_time"]}: API {api}, reproduced {reproduced}");
            if (api is not { } a)
                continue;
            Assert.Equal(a, reproduced!.Value, 9);
            Assert.InRange(a, Csv.Double(row["low"])!.Value, Csv.Double(row["high"])!.Value);
        }
        Assert.True(csv.Rows.Count(r => Csv.Double(r["estimate_api"]) is not null) >= 10, "too few event times estimated to show an event study");
    }

    private sealed class Csv(List<string> header, List<Dictionary<string, string>> rows)
    {
        public List<Dictionary<string, string>> Rows { get; } = rows;

        public void HasColumns(params string[] expected) => Assert.Equal(expected, header);

        public static long? Long(string text) =>
            text.Length == 0 ? null : (long)double.Parse(text, CultureInfo.InvariantCulture); // pandas may write 2019.0

        public static double? Double(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);

        public static Csv Parse(string text)
        {
            var lines = text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            var header = Fields(lines[0]);
            var rows = lines.Skip(1).Select(Fields).Select(f =>
            {
                Assert.Equal(header.Count, f.Count);
                return header.Zip(f).ToDictionary(p => p.First, p => p.Second);
            }).ToList();
            return new Csv(header, rows);
        }

        private static List<string> Fields(string line)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            return fields;
        }
    }
}
