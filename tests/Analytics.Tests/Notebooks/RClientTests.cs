using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Tests.Etl;
using DuckDB.NET.Data;

namespace Analytics.Tests.Notebooks;

/// <summary>
/// An R user's client, as the README writes it: its jsonlite line (taken from the README itself, with the feed's
/// address and the demo key put in) reads the first page, and the loop the README describes follows
/// @odata.nextLink to the last page. Every row of the measure must arrive, each with its value, and the first page's
/// values must be the warehouse's. Rscript and jsonlite come from Debian (r-base-core, r-cran-jsonlite), installed by
/// scripts/setup-debian.sh.
/// </summary>
[Collection(SampleWarehouseCollection.Name)]
public sealed partial class RClientTests(SampleWarehouse samples, NotebookFeed feed) : IClassFixture<NotebookFeed>
{
    [Fact]
    public void The_README_R_line_reads_a_measure_and_its_next_links_to_the_last_row()
    {
        var readme = File.ReadAllText(Path.Combine(Analytics.Warehouse.WarehousePaths.RepositoryRoot, "README.md"));
        var line = RLine().Match(readme);
        Assert.True(line.Success, "README.md has no '- **R**: `...`' line");
        var url = feed.Start(samples.Warehouse);
        var first = line.Groups[1].Value
            .Replace("http://localhost:5080/odata", url, StringComparison.Ordinal)
            .Replace("api_key=KEY", "api_key=" + NotebookFeed.DemoKey, StringComparison.Ordinal);
        Assert.Contains(url, first, StringComparison.Ordinal);

        var script = Path.Combine(Path.GetTempPath(), $"r-client-{Guid.NewGuid():N}.R");
        File.WriteAllText(script, $$"""
            page <- {{first}}
            rows <- page$value
            link <- page[["@odata.nextLink"]]
            pages <- 1
            while (!is.null(link)) {
              if (!grepl("api_key=", link, fixed = TRUE)) link <- paste0(link, "&api_key={{NotebookFeed.DemoKey}}")
              page <- jsonlite::fromJSON(link)
              rows <- rbind(rows, page$value)
              link <- page[["@odata.nextLink"]]
              pages <- pages + 1
            }
            cat("pages", pages, "\n")
            cat("rows", nrow(rows), "\n")
            cat("missing", sum(is.na(rows$Value)), "\n")
            cat("sum", format(sum(rows$Value, na.rm = TRUE), digits = 15), "\n")
            """);
        try
        {
            var (exitCode, output) = NotebookFeed.Run("Rscript", [script], Path.GetTempPath(), new Dictionary<string, string?>());
            Assert.True(exitCode == 0, output);
            var printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Trim().Split(' ', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Trim());

            var (count, withValue, sum) = Expected(samples.Warehouse);
            Assert.True(count > 1000, $"the measure should span several pages of 1,000, has {count} rows");
            Assert.Equal(((count + 999) / 1000).ToString(CultureInfo.InvariantCulture), printed["pages"]);
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), printed["rows"]);
            Assert.Equal((count - withValue).ToString(CultureInfo.InvariantCulture), printed["missing"]);
            Assert.Equal(sum, double.Parse(printed["sum"], CultureInfo.InvariantCulture), 6);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static (long Count, long WithValue, double Sum) Expected(string warehouse)
    {
        using var connection = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(value), coalesce(sum(value), 0) FROM measure_values
            WHERE measure_id = 'hotline_resolution_rate'
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
    }

    [GeneratedRegex(@"^- \*\*R\*\*: `([^`]+)`", RegexOptions.Multiline)]
    private static partial Regex RLine();
}
