using System.Text.RegularExpressions;
using Analytics.Etl.Load;
using Analytics.Etl.Sources;
using Analytics.Warehouse.Measures;
using DuckDB.NET.Data;

namespace Analytics.Tests.Etl;

/// <summary>What a new user sees after the quick start: the samples load, reconcile, and keep no personal data.</summary>
[Collection(SampleWarehouseCollection.Name)]
public sealed partial class SampleDataTests(SampleWarehouse samples)
{
    [Fact]
    public void Every_published_figure_reconciles_with_the_records()
    {
        var rows = samples.Query("SELECT region_code, indicator, period, status, published_value, warehouse_value FROM reconciliation");

        Assert.Equal(File.ReadAllLines(Path.Combine(SampleWarehouse.SamplesFolder, "published", "figures.csv")).Length - 1, rows.Count);
        Assert.All(rows, r => Assert.True((string)r[3]! == "match", $"{r[0]} {r[1]} {r[2]}: {r[3]} (published {r[4]}, records {r[5]})"));
        Assert.Equal(rows.Count, samples.Result.Reconciliation!.Matched);
    }

    [Fact]
    public void The_quarantine_holds_exactly_the_planted_defects_of_the_samples_readme()
    {
        var readme = File.ReadAllLines(Path.Combine(SampleWarehouse.SamplesFolder, "README.md"));
        var planted = readme.Select(l => DefectRow().Match(l)).Where(m => m.Success)
            .Select(m => (File: m.Groups[1].Value, Row: long.Parse(m.Groups[2].Value), Column: m.Groups[3].Value))
            .OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        Assert.True(planted.Count >= 8);

        var quarantined = samples.Query("SELECT file_path, row_number, column_name FROM quarantine")
            .Select(r => (File: (string)r[0]!, Row: (long)r[1]!, Column: (string)r[2]!))
            .OrderBy(d => d.File, StringComparer.Ordinal).ToList();

        Assert.Equal(planted, quarantined);
    }

    [Fact]
    public void No_caller_phone_name_or_ticket_text_of_the_samples_is_anywhere_in_the_warehouse()
    {
        var phones = new HashSet<string>();
        var names = new HashSet<string>();
        var contents = new HashSet<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(SampleWarehouse.SamplesFolder, "cases"), "hotline_*.csv*"))
        {
            var file = SourceFile.Inspect(path, Path.GetFileName(path), Families.HotlineTickets);
            using var text = file.OpenText();
            var records = new CsvRecords(text);
            var header = records.Next()!.Value.Fields.Select(h => h.Trim('\uFEFF')).ToList();
            var (name, phone, content) = (header.IndexOf("诉求人"), header.IndexOf("联系电话"), header.IndexOf("诉求内容"));
            while (records.Next() is { } r)
            {
                names.Add(r.Fields[name]);
                phones.Add(r.Fields[phone]);
                contents.Add(r.Fields[content]);
            }
        }
        Assert.True(phones.Count > 1000 && names.Count > 100 && contents.Count > 100);

        var generation = new Analytics.Warehouse.Generations(samples.Warehouse).Current()!;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Exec(connection, $"ATTACH '{generation}' AS w (READ_ONLY)");
        Exec(connection, "CREATE TABLE secret (kind VARCHAR, value VARCHAR)");
        using (var appender = connection.CreateAppender("secret"))
        {
            foreach (var (kind, set) in new[] { ("phone", phones), ("name", names), ("content", contents) })
            {
                foreach (var value in set.Where(v => v.Length > 0))
                    appender.CreateRow().AppendValue(kind).AppendValue(value).EndRow();
            }
        }
        var columns = Rows(connection, """
            SELECT table_name, column_name, data_type FROM duckdb_columns()
            WHERE database_name = 'w' AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = 'w')
            """);
        Assert.Contains(columns, c => c[0] == "stg_hotline_tickets");
        foreach (var c in columns)
        {
            var value = $"CAST(t.\"{c[1]}\" AS VARCHAR)";
            // Exact values, and any 11-digit mobile number standing inside a longer text (JSON of a quarantined row, say).
            var insideText = c[2] != "VARCHAR" ? "" : $$"""
                UNION ALL
                SELECT 'phone inside text', m FROM (SELECT unnest(regexp_extract_all({{value}}, '(?:^|[^0-9])(1[3-9][0-9]{9})(?:[^0-9]|$)', 1)) AS m FROM w."{{c[0]}}" t)
                WHERE m IN (SELECT value FROM secret WHERE kind = 'phone')
                """;
            var leaks = Rows(connection, $"""
                SELECT s.kind, s.value FROM w."{c[0]}" t JOIN secret s ON s.value = {value}
                {insideText}
                LIMIT 3
                """);
            Assert.True(leaks.Count == 0, $"{c[0]}.{c[1]} holds personal data: {string.Join("; ", leaks.Select(l => string.Join('=', l)))}");
        }
        foreach (var raw in Rows(connection, "SELECT raw_text FROM w.quarantine WHERE raw_text IS NOT NULL").Select(r => r[0]))
            Assert.DoesNotContain(contents, content => content.Length > 3 && raw.Contains(content, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_catalog_measure_has_values_and_the_marts_compute_no_other_id()
    {
        var computed = samples.Query("SELECT DISTINCT measure_id FROM measure_values").Select(r => (string)r[0]!).Order().ToList();

        Assert.Equal(MeasureCatalog.All.Select(m => m.Id).Order(), computed);
        Assert.Equal(MeasureCatalog.All.Count, (long)samples.Scalar("SELECT count(*) FROM dim_measure")!);
    }

    [Fact]
    public void Staging_tables_have_exactly_the_columns_each_family_stores()
    {
        foreach (var family in Families.All)
        {
            var columns = samples.Query($"SELECT column_name FROM duckdb_columns() WHERE table_name = '{family.Table}' AND schema_name = 'main' ORDER BY column_index")
                .Select(r => (string)r[0]!);
            Assert.Equal([.. family.Stored.Select(c => c.Name), "_file", "_sheet", "_row"], columns);
        }
    }

    [Fact]
    public void Figures_the_measures_do_not_name_are_in_the_records()
    {
        long Count(string sql) => (long)samples.Scalar($"SELECT CAST(({sql}) AS BIGINT)")!;
        // 宝鸡: 99 towns and 17 streets; 57 enforcement teams; 870 and 413 approved posts (report 000).
        Assert.Equal(99, Count("SELECT count(*) FROM dim_region r JOIN region_closure c ON c.code = r.code WHERE c.ancestor_code = '610300000000' AND r.kind = '镇'"));
        Assert.Equal(17, Count("SELECT count(*) FROM dim_region r JOIN region_closure c ON c.code = r.code WHERE c.ancestor_code = '610300000000' AND r.kind = '街道'"));
        var latest = "(SELECT max(year) FROM fact_staffing s JOIN region_closure c ON c.code = s.region_code WHERE c.ancestor_code = '610300000000')";
        Assert.Equal(57, Count($"SELECT count(DISTINCT unit_code) FROM fact_staffing s JOIN region_closure c ON c.code = s.region_code WHERE c.ancestor_code = '610300000000' AND unit_name LIKE '%综合行政执法队' AND year = {latest}"));
        Assert.Equal(870, Count($"SELECT sum(approved) FROM fact_staffing s JOIN region_closure c ON c.code = s.region_code WHERE c.ancestor_code = '610300000000' AND unit_name LIKE '%市场监管所' AND year = {latest}"));
        Assert.Equal(413, Count($"SELECT sum(approved) FROM fact_staffing s JOIN region_closure c ON c.code = s.region_code WHERE c.ancestor_code = '610300000000' AND unit_name LIKE '%便民服务中心' AND year = {latest}"));
        // 江西: 562 乡, 171 街道, 805 镇, 30 developed towns (report 003).
        Assert.Equal([562L, 171L, 805L, 30L], samples.Query("""
            SELECT count(*) FILTER (kind = '乡'), count(*) FILTER (kind = '街道'), count(*) FILTER (kind = '镇'), count(*) FILTER (developed_town)
            FROM dim_region r JOIN region_closure c ON c.code = r.code WHERE c.ancestor_code = '360000000000' AND r.level = '乡镇'
            """).Single().Select(v => Convert.ToInt64(v)));
        // 临沂: 13 counties and districts, 22 streets (report 001).
        Assert.Equal(13, Count("SELECT count(*) FROM dim_region WHERE parent_code = '371300000000'"));
        Assert.Equal(22, Count("SELECT count(*) FROM dim_region r JOIN region_closure c ON c.code = r.code WHERE c.ancestor_code = '371300000000' AND r.kind = '街道'"));
        // 夏庄镇: 10 communities, 66 villages, 69,000 people, 114.8 km2 (report 004).
        var xiazhuang = (string)samples.Scalar("SELECT code FROM dim_region WHERE name = '夏庄镇' AND parent_code = '371122000000'")!;
        Assert.Equal([10L, 66L], samples.Query($"SELECT count(*) FILTER (kind = '社区'), count(*) FILTER (kind = '村') FROM dim_region WHERE parent_code = '{xiazhuang}'").Single().Select(v => Convert.ToInt64(v)));
        Assert.Equal([69000L, 114.8m], samples.Query($"SELECT population, area_km2 FROM dim_region WHERE code = '{xiazhuang}'").Single());
    }

    [GeneratedRegex(@"^\| `([^`]+)` \| (\d+) \| ([^ |(]+)")]
    private static partial Regex DefectRow();

    private static void Exec(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string[]> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i))!).ToArray());
        return rows;
    }
}
