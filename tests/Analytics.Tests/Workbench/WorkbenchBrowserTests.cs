extern alias api;

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Xunit.Abstractions;
using api::Analytics.Api.Workbench;

namespace Analytics.Tests.Workbench;

/// <summary>
/// The workbench as the reform office uses it, in Debian's Chromium: sign in, rank 宝鸡市's townships across its
/// counties, check every number against SQL on the facts, sort, drill down twice and back, export, and try to reach
/// another city by editing the address. No console errors, no key in any address, no serious axe violation.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchBrowserTests(WorkbenchServer server, ITestOutputHelper output)
{
    private const string Baoji = WorkbenchServer.Baoji;
    private const string Chencang = "610304000000";
    private const string Nanchang = "360100000000";

    [Fact]
    public async Task A_city_key_ranks_its_townships_across_counties_with_the_numbers_the_facts_give()
    {
        await using var tab = await WorkbenchPage.Open(server);
        var page = tab.Page;
        await tab.SignIn(server.BaojiKey);

        // The key's city is the scope; the person picks the measure, the year and the township level.
        Assert.Equal(Baoji, await page.InputValueAsync("#c-scope"));
        await tab.Until(() => page.SelectOptionAsync("#c-measure", "hotline_satisfaction_rate"));
        await tab.Until(() => page.SelectOptionAsync("#c-grain", "year"));
        await tab.Until(() => page.SelectOptionAsync("#c-period", "2024"));
        await tab.Until(() => page.SelectOptionAsync("#c-level", "township"));
        await tab.Screenshot("compare-baoji-townships");
        output.WriteLine($"compare view rendered in {await tab.LastViewMilliseconds("compare"):0} ms");

        var expected = Satisfaction(Baoji, 2024);
        var yearAgo = Satisfaction(Baoji, 2023).ToDictionary(e => e.Code);
        Assert.True(expected.Count > 10, "宝鸡市 has townships in several counties in data-samples");
        var rows = await tab.Rows();
        var ranked = expected.Where(e => e.Rated > 0)
            .OrderByDescending(e => (double)e.Satisfied / e.Rated).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(ranked.Select(e => e.Code), rows.Take(ranked.Count).Select(r => r[0]));
        Assert.True(ranked.Select(e => e.County).Distinct().Count() > 3, "the ranking spans counties");
        for (var i = 0; i < ranked.Count; i++)
        {
            var (e, row) = (ranked[i], rows[i]);
            var value = (double)e.Satisfied / e.Rated;
            var rank = ranked.FindIndex(x => (double)x.Satisfied / x.Rated == value) + 1;
            Assert.Equal(rank.ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(Percent(value), row[4]);
            Assert.Equal(e.Satisfied.ToString("N0", CultureInfo.InvariantCulture), row[5]);
            Assert.Equal(e.Rated.ToString("N0", CultureInfo.InvariantCulture), row[6]);
            var before = yearAgo.GetValueOrDefault(e.Code);
            Assert.Equal(before is { Rated: > 0 } b ? Points(value - (double)b.Satisfied / b.Rated) : "—", row[7]);
            Assert.Equal(e.Rated < 30 ? "小样本" : "", row[11]);
        }
        Assert.All(rows.Skip(ranked.Count), r => Assert.Equal("—", r[4]));

        // Sort by the denominator: the table and the address follow.
        await tab.Until(() => page.ClickAsync("th button.sort:has-text('分母')"));
        var denominators = (await tab.Rows()).Select(r => long.Parse(r[6], NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(denominators.Order(), denominators);
        Assert.Contains("sort=denominator", page.Url, StringComparison.Ordinal);
        // With the keyboard: the column headers are buttons.
        await page.FocusAsync("th button.sort:has-text('分子')");
        await tab.Until(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("sort=numerator", page.Url, StringComparison.Ordinal);
        await page.FocusAsync("th button.sort:has-text('分母')");
        await tab.Until(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains("sort=denominator", page.Url, StringComparison.Ordinal);

        // The export is the table as sorted, numbers as numbers, read back with ClosedXML against the API's JSON.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button:has-text('下载 Excel')"));
        var file = Path.Combine(WorkbenchServer.Screenshots, "ranking.xlsx");
        await download.SaveAsAsync(file);
        await CheckExport(file, denominators);

        // A reload keeps the view: the address holds it, the tab keeps the key.
        var address = page.Url;
        await tab.Until(() => page.ReloadAsync());
        Assert.Equal(address, page.Url);
        Assert.Equal(rows.Count, (await tab.Rows()).Count);

        // Drill down twice and come back by the breadcrumb.
        await tab.Until(() => page.SelectOptionAsync("#c-level", "county"));
        await tab.Until(() => page.ClickAsync($"tr[data-code='{Chencang}'] button.drill"));
        Assert.Equal("township", await page.InputValueAsync("#c-level"));
        var chencang = await tab.Rows();
        Assert.Equal(Satisfaction(Chencang, 2024).Where(e => e.Rated > 0).Select(e => e.Code).Order(StringComparer.Ordinal),
            chencang.Where(r => r[4] != "—").Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(chencang, r => Assert.Equal("陈仓区", r[3]));
        var township = chencang[0][0];
        var townshipName = await page.InnerTextAsync($"tr[data-code='{township}'] button.drill");
        await tab.Until(() => page.ClickAsync($"tr[data-code='{township}'] button.drill"));
        Assert.Equal("community", await page.InputValueAsync("#c-level"));
        var crumbs = await page.Locator(".breadcrumb li").AllInnerTextsAsync();
        Assert.Equal(["宝鸡市", "陈仓区", townshipName], crumbs.Select(c => c.Trim()));
        await tab.Screenshot("compare-drilled-to-communities");
        await tab.Until(() => page.ClickAsync(".breadcrumb button:has-text('宝鸡市')"));
        Assert.Equal(Baoji, await page.InputValueAsync("#c-scope"));
        Assert.Equal("county", await page.InputValueAsync("#c-level"));

        Assert.Empty(await tab.SeriousAccessibilityViolations());
        Assert.Empty(tab.Errors);
        Assert.DoesNotContain(tab.Urls, u => u.Contains(server.BaojiKey, StringComparison.Ordinal));
        Assert.Equal(server.BaojiKey, await page.EvaluateAsync<string>("() => Object.values(sessionStorage).join()"));

        // The data page: the loads and file names, no province-wide counts, no quarantine, no "null".
        await tab.Go("#/data");
        await tab.Screenshot("data-baoji");
        var text = await page.InnerTextAsync("#view");
        Assert.Contains("本密钥限定为宝鸡市", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("section[aria-labelledby='quarantine-title']").CountAsync());
        var loadedTotal = Convert.ToInt64(server.Samples.Scalar("SELECT CAST(sum(rows_loaded) AS BIGINT) FROM etl_files"), CultureInfo.InvariantCulture);
        Assert.DoesNotContain(loadedTotal.ToString("N0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Equal(Convert.ToInt64(server.Samples.Scalar("SELECT count(*) FROM etl_files"), CultureInfo.InvariantCulture),
            await page.Locator("section[aria-labelledby='files-title'] tbody tr").CountAsync());
        Assert.Empty(await tab.SeriousAccessibilityViolations());

        // Editing the address to another city shows a refusal and no numbers (the only error: the API's 404).
        await tab.Go($"#/compare?measure=hotline_satisfaction_rate&period=2024&level=county&scope={Nanchang}");
        Assert.Contains("不在本密钥可查看的范围内", await page.InnerTextAsync("#view"), StringComparison.Ordinal);
        Assert.Empty(await tab.Rows());
        Assert.All(tab.Errors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_scheduled_load_is_said_first_on_the_data_page_to_every_key()
    {
        foreach (var (key, name) in new[] { (WorkbenchServer.AdminKey, "data-failed-load"), (server.BaojiKey, "data-failed-load-city") })
        {
            await using var tab = await WorkbenchPage.Open(server);
            var page = tab.Page;
            await tab.SignIn(key, "#/data");
            await page.WaitForSelectorAsync("#load-failed");
            await tab.Screenshot(name);
            // The scheduled load that failed (see WorkbenchServer): when, which file, why, in Chinese; the figures are older.
            var alert = await page.InnerTextAsync("#load-failed");
            foreach (var part in new[] { "最近一次加载失败", WorkbenchServer.FailedFile, "表头缺少必需的列", "仍是此前成功加载的数据" })
                Assert.Contains(part, alert, StringComparison.Ordinal);
            var failedRows = await page.Locator("section[aria-labelledby='failures-title'] tbody tr").AllAsync();
            var cells = await Assert.Single(failedRows).Locator("td").AllInnerTextsAsync();
            Assert.Equal(6, cells.Count);
            Assert.Equal(["失败", WorkbenchServer.FailedFile, ""], cells.Skip(1).Take(3));
            Assert.Contains("承办单位代码", cells[4], StringComparison.Ordinal);
            Assert.StartsWith("表头缺少必需的列", cells[5], StringComparison.Ordinal);
            Assert.Empty(await tab.SeriousAccessibilityViolations());
            Assert.Empty(tab.Errors);
        }
    }

    [Fact]
    public async Task Region_and_data_pages_show_the_warehouse_figures_and_pass_Axe()
    {
        await using var tab = await WorkbenchPage.Open(server);
        var page = tab.Page;
        // A wrong key: a message, and nothing of the workbench behind the form.
        await page.GotoAsync("/");
        await page.FillAsync("#key", "not-a-key");
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.WaitForSelectorAsync("#signin-error:has-text('密钥无效')");
        Assert.False(await page.IsVisibleAsync("#tabs"));
        Assert.False(await page.IsVisibleAsync("#signout"));
        await tab.Screenshot("signin-wrong-key");
        tab.Errors.Clear(); // the API's 401 to the wrong key
        await tab.SignIn(WorkbenchServer.AdminKey);
        Assert.True(await page.IsVisibleAsync("#tabs"));
        Assert.Empty(await tab.SeriousAccessibilityViolations());
        await tab.Screenshot("compare-admin-default");

        await tab.Go($"#/region/{Baoji}?period=2024&measure=hotline_satisfaction_rate&origin=2023-12");
        await page.WaitForSelectorAsync("figure svg.chart path[fill='#c9d8ee']");
        await tab.Screenshot("region-baoji-2024");
        output.WriteLine($"region view rendered in {await tab.LastViewMilliseconds("region"):0} ms");
        var figures = (await tab.Rows()).ToDictionary(r => r[0]);
        var city = Satisfaction(Baoji, 2024);
        Assert.Equal(Percent((double)city.Sum(e => e.Satisfied) / city.Sum(e => e.Rated)), figures["hotline_satisfaction_rate"][3]);
        Assert.Equal(city.Sum(e => e.Tickets).ToString("N0", CultureInfo.InvariantCulture), figures["hotline_tickets"][3]);
        // The forecast from 2023-12 shows what actually happened after it.
        Assert.True(await page.Locator("figure svg.chart circle").CountAsync() >= 6);
        // The caption names the method in Chinese, as the API declares it for the charts and reports too.
        var caption = await page.Locator("figure figcaption").First.InnerTextAsync();
        var method = System.Text.RegularExpressions.Regex.Match(caption, "方法：([^，]+)，").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(method), caption);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", method);
        Assert.DoesNotMatch("[_+]", method);
        Assert.Empty(await tab.SeriousAccessibilityViolations());

        var report = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button:has-text('下载 HTML 报告')"),
            new() { Timeout = 120_000 });
        var html = await File.ReadAllTextAsync(await report.PathAsync());
        Assert.Contains("宝鸡市", html, StringComparison.Ordinal);
        Assert.Contains($"data-region=\"{Baoji}\"", html, StringComparison.Ordinal);

        await tab.Go("#/data");
        await tab.Screenshot("data-health");

        output.WriteLine($"data view rendered in {await tab.LastViewMilliseconds("data"):0} ms");
        var quarantined = Convert.ToInt64(server.Samples.Scalar("SELECT count(*) FROM quarantine"), CultureInfo.InvariantCulture);
        Assert.True(quarantined > 0, "data-samples has rows set aside on purpose");
        var cards = await page.Locator(".card").AllInnerTextsAsync();
        Assert.Contains(cards, c => c.Contains("隔离行数", StringComparison.Ordinal) && c.Contains(quarantined.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var reasons = await page.Locator("section[aria-labelledby='quarantine-title'] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.Equal(server.Samples.Query("SELECT file_path, sheet, column_name, reason FROM quarantine")
            .Select(r => (r[0], r[1], r[2], QuarantineReasons.Of((string)r[3]!).Code)).Distinct().Count(), reasons.Count);
        Assert.All(reasons, r => Assert.DoesNotMatch("[A-Za-z]", r));
        // The table on the page downloads as the API's rows.
        var files = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("section[aria-labelledby='files-title'] button:has-text('下载 Excel')"));
        Assert.Equal("数据-已加载文件.xlsx", files.SuggestedFilename);
        using (var book = new XLWorkbook(File.OpenRead(await files.PathAsync())))
        {
            var fileCells = book.Worksheet(1).Column(1).CellsUsed().Select(c => c.GetString()).ToList();
            var loaded = server.Samples.Query("SELECT file_path FROM etl_files").Select(r => (string)r[0]!).ToList();
            Assert.Equal(loaded.Order(StringComparer.Ordinal), fileCells.Where(loaded.Contains).Order(StringComparer.Ordinal));
        }
        Assert.Empty(await tab.SeriousAccessibilityViolations());

        Assert.DoesNotContain("null", await page.InnerTextAsync("#view"), StringComparison.Ordinal);

        // A phone-width screen: every view, stacked, with no sideways scrolling of the page.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (name, hash) in new[]
        {
            ("compare-phone", $"#/compare?measure=hotline_satisfaction_rate&period=2024&level=township&scope={Baoji}"),
            ("region-phone", $"#/region/{Baoji}?period=2024&measure=hotline_satisfaction_rate"),
            ("data-phone", "#/data"),
        })
        {
            await tab.Go(hash);
            await tab.Screenshot(name);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{name}: no sideways scrolling of the page");
            Assert.Empty(await tab.SeriousAccessibilityViolations());
        }
        Assert.Empty(tab.Errors);
        Assert.DoesNotContain(tab.Urls, u => u.Contains(WorkbenchServer.AdminKey, StringComparison.Ordinal));
    }

    private async Task CheckExport(string file, List<long> denominators)
    {
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", server.BaojiKey);
        var json = await client.GetFromJsonAsync<JsonElement>(
            $"/api/workbench/ranking?measure=hotline_satisfaction_rate&period=2024&level=township&scope={Baoji}&sort=denominator");
        var api = json.GetProperty("rows").EnumerateArray().ToList();

        using var book = new XLWorkbook(file);
        var sheet = book.Worksheet(1);
        Assert.Contains("满意率", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        var header = sheet.Column(1).CellsUsed().First(c => c.GetString() == "排名").Address.RowNumber;
        Assert.Contains(sheet.Range(1, 1, header - 1, 1).CellsUsed(), c => c.GetString().Contains("宝鸡市", StringComparison.Ordinal));
        Assert.Equal(["排名", "地区", "区划代码", "上级地区", "数值", "分子", "分母", "同比"],
            Enumerable.Range(1, 8).Select(c => sheet.Cell(header, c).GetString()));
        Assert.Equal(api.Count, denominators.Count);
        for (var i = 0; i < api.Count; i++)
        {
            var row = sheet.Row(header + 1 + i);
            Assert.Equal(api[i].GetProperty("regionCode").GetString(), row.Cell(3).GetString());
            Assert.Equal(XLDataType.Number, row.Cell(5).DataType);
            Assert.Contains("%", row.Cell(5).Style.NumberFormat.Format, StringComparison.Ordinal);
            Assert.Equal(api[i].GetProperty("value").GetDouble(), row.Cell(5).GetDouble(), 12);
            Assert.Equal(denominators[i], (long)row.Cell(7).GetDouble());
            Assert.False(row.Cell(2).HasFormula);
        }
    }

    private sealed record TownshipTickets(string Code, string County, long Tickets, long Satisfied, long Rated);

    /// <summary>Satisfaction per township under a region, straight from the ticket facts (not the marts).</summary>
    private List<TownshipTickets> Satisfaction(string region, int year) =>
        server.Samples.Query($"""
            SELECT t.township_code, r.parent_code, count(*),
                   count(*) FILTER (satisfaction IN ('满意', '基本满意')), count(*) FILTER (satisfaction <> '未回访')
            FROM fact_hotline_ticket t JOIN dim_region r ON r.code = t.township_code
            WHERE year(received_at) = {year}
              AND t.township_code IN (SELECT code FROM region_closure WHERE ancestor_code = '{region}')
            GROUP BY ALL
            """)
            .Select(r => new TownshipTickets((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
                Convert.ToInt64(r[3], CultureInfo.InvariantCulture), Convert.ToInt64(r[4], CultureInfo.InvariantCulture)))
            .ToList();

    private static string Percent(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Points(double d)
    {
        var text = (Math.Abs(d) * 100).ToString("0.0", CultureInfo.InvariantCulture);
        return (text == "0.0" ? "±" : d > 0 ? "+" : "−") + text;
    }
}
