using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl.BadFiles;

/// <summary>An error about a file's header or place never shows what is in its rows, nor reads outside the source folder.</summary>
public sealed class HeaderAndLinkTests
{
    private const string Row = "T1,2024-07-01 09:00:00,王秀英,13912345678,楼上漏水三天无人处理,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";

    [Fact]
    public void A_hotline_csv_without_its_header_row_fails_naming_the_file_but_not_the_caller()
    {
        using var s = new Sources();
        s.Write("cases/hotline_202407.csv", System.Text.Encoding.UTF8.GetBytes(Row + "\n" + Row.Replace("T1", "T2") + "\n"));

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/hotline_202407.csv", e.File);
        Assert.Contains("header row missing", e.Problem);
        foreach (var secret in new[] { "王秀英", "13912345678", "楼上漏水", "T1", "610323101000" })
            Assert.DoesNotContain(secret, e.Message);
    }

    [Fact]
    public void A_header_with_a_misspelt_column_names_the_known_columns_only()
    {
        using var s = new Sources();
        // The export's header has a typo, and its second line is glued on by a lost line end: the data must not show.
        s.Write("cases/hotline_202407.csv", System.Text.Encoding.UTF8.GetBytes(
            Sources.TicketHeader.Replace("承办单位代码", "单位") + "," + Row + "\n"));

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Contains("承办单位代码", e.Problem);
        Assert.Contains("来电时间", e.Problem);
        Assert.DoesNotContain("王秀英", e.Message);
        Assert.DoesNotContain("13912345678", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_symlink_out_of_the_source_folder_is_refused_by_name_and_not_read(bool linkTheFolder)
    {
        using var s = new Sources();
        var outside = Path.Combine(s.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        // Outside the folder: a file whose first line would have been echoed as a "header".
        File.WriteAllText(Path.Combine(outside, "hotline_202407.csv"), "root:x:0:0:secret-first-line\n");
        if (linkTheFolder)
            Directory.CreateSymbolicLink(Path.Combine(s.Source, "cases"), outside);
        else
        {
            Directory.CreateDirectory(Path.Combine(s.Source, "cases"));
            File.CreateSymbolicLink(Path.Combine(s.Source, "cases", "hotline_202407.csv"), Path.Combine(outside, "hotline_202407.csv"));
        }

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal(linkTheFolder ? "cases" : "cases/hotline_202407.csv", e.File);
        Assert.Contains("outside the source folder", e.Problem);
        Assert.DoesNotContain("secret", e.Message);
        Assert.Null(new Generations(s.Warehouse).Current());
    }

    [Fact]
    public void A_symlink_that_stays_inside_the_source_folder_still_loads()
    {
        using var s = new Sources();
        s.Csv("archive/july.csv", Sources.TicketHeader, [Row]);
        Directory.CreateDirectory(Path.Combine(s.Source, "cases"));
        File.CreateSymbolicLink(Path.Combine(s.Source, "cases", "hotline_202407.csv"), Path.Combine("..", "archive", "july.csv"));

        var result = s.Load();

        Assert.Equal(1, Assert.Single(result.Files, f => f.Family == "hotline_tickets").Loaded);
    }
}
