extern alias api;

using Analytics.Etl.Inbox;
using Analytics.Etl.Load;
using Analytics.Warehouse.Operations;
using api::Analytics.Api.Workbench;

namespace Analytics.UnitTests.Workbench;

/// <summary>What the data page says about a failed or stopped load: place and reason in Chinese, never row contents.</summary>
public sealed class FailedLoadTests
{
    [Theory]
    [InlineData("a quote opened in the record starting at line 1,234 is never closed; nothing of the file was loaded",
        1234L, null, "从第 1,234 行开始的记录中有引号未闭合，整个文件未加载。")]
    [InlineData("line 7 is longer than 1,048,576 bytes, the limit per line (--max-line-bytes); nothing of the file was loaded",
        7L, null, "第 7 行超过每行 1,048,576 字节的上限，整个文件未加载。")]
    [InlineData("sheet '2024': required column(s) 区划代码 missing from the header (its first row has 3 cell(s) and none is a column " +
                "name of this export: is the header row missing? (cells not shown: they may be data))",
        null, "区划代码", "工作表“2024”表头缺少必需的列 区划代码，整个文件未加载。第一行有 3 个单元格，没有一个是这类导出的列名：是否缺少表头行？（单元格内容不显示：可能是数据）。")]
    [InlineData("required column(s) 满意度 missing from the header (known columns found: 工单编号, 来电时间; 2 other cell(s) not shown: they may be data)",
        null, "满意度", "表头缺少必需的列 满意度，整个文件未加载。找到的已知列：工单编号, 来电时间；另有 2 个单元格不显示（可能是数据）。")]
    public void A_loader_message_becomes_a_chinese_reason_with_its_row_and_column(string problem, long? row, string? column, string reason)
    {
        var described = LoadProblems.Describe(new LoadException("cases/hotline_202402.csv", problem));
        Assert.Equal(new LoadProblem(reason, "cases/hotline_202402.csv", row, column), described);
    }

    [Fact]
    public void A_database_error_is_told_by_its_kind_only_since_its_message_may_quote_a_value()
    {
        var described = LoadProblems.Describe(new InvalidOperationException("Conversion Error: could not convert '张三 13800000000'"));
        Assert.DoesNotContain("张三", described.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("138", described.Reason, StringComparison.Ordinal);
        Assert.Null(described.File);
    }

    [Fact]
    public void Failures_are_listed_newest_first_and_unresolved_until_a_load_commits()
    {
        var t = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        LoadAttempt Attempt(int hour, string outcome, LoadProblem? problem = null) =>
            new(t.AddHours(hour), t.AddHours(hour).AddMinutes(1), outcome, "inbox", "/inbox", 60, 0, 0, 0, 0,
                outcome == LoadAttempt.Committed ? null : "English error", problem);
        var journal = new[]
        {
            Attempt(0, LoadAttempt.Failed), // written before reasons were journalled
            Attempt(1, LoadAttempt.Committed),
            Attempt(2, LoadAttempt.Failed, new("表头缺少必需的列 满意度，整个文件未加载。", "cases/a.csv", null, "满意度")),
            Attempt(3, LoadAttempt.Stopped, new(LoadProblems.StoppedReason)),
        };

        var failed = DataHealthQuery.FailedLoads(journal);
        Assert.Equal(["stopped", "failed", "failed"], failed.Select(f => f.Outcome));
        Assert.Equal(["已停止", "失败", "失败"], failed.Select(f => f.OutcomeZh));
        Assert.Equal([true, true, false], failed.Select(f => f.Unresolved));
        Assert.Equal("cases/a.csv", failed[1].File);
        Assert.DoesNotContain("English", failed[2].Reason, StringComparison.Ordinal);
        Assert.Equal(t.AddHours(3).AddMinutes(1).ToLocalTime(), failed[0].FinishedAt);

        var many = Enumerable.Range(0, 30).Select(h => Attempt(h, LoadAttempt.Failed)).ToList();
        Assert.Equal(DataHealthQuery.FailedLoadsShown, DataHealthQuery.FailedLoads(many).Count);
        Assert.Equal(t.AddHours(29).AddMinutes(1).ToLocalTime(), DataHealthQuery.FailedLoads(many)[0].FinishedAt);
    }
}
