using Analytics.Warehouse.Measures;

namespace Analytics.Api.Workbench;

/// <summary>The region page's and the data page's tables as exports: the same columns and order as the page.</summary>
public static class WorkbenchTables
{
    public static readonly string[] HealthTables = ["runs", "files", "quarantine", "reconciliation", "failures"];

    /// <summary>Every headline measure of a region in a period, as the region page lists them.</summary>
    public static ExportTable Figures(RegionPage page)
    {
        var region = page.Place.Region;
        var rows = page.Figures.Select(x => (IReadOnlyList<Cell>)
        [
            Cell.Text(x.Measure.NameZh), Cell.Text(x.Measure.Id), Cell.Text(x.Period), Cell.Measure(x.Measure, x.Value),
            Cell.Integer(x.Numerator), Cell.Integer(x.Denominator), Cell.Change(x.Measure, x.Yoy), Cell.Change(x.Measure, x.Change),
            Cell.Integer(x.SiblingRank), Cell.Integer(x.SiblingCount), Cell.Measure(x.Measure, x.ParentValue),
            Cell.Measure(x.Measure, x.Low), Cell.Measure(x.Measure, x.High), Cell.Text(x.SmallSample ? "是" : ""),
        ]).ToList();
        return new ExportTable("主要指标", $"{region.Name}-{page.Period}-主要指标",
            [
                $"地区：{region.Name}（{region.Code}）    路径：{string.Join(" › ", page.Place.Path.Select(r => r.Name))}",
                $"期间：{page.Period}（按年的指标取该期间所在年份）",
                "同比：与上一年同期之差；环比：与上一个同类期间之差；比率的变化以百分点计（单元格格式为百分比）",
                TableExport.ExportedAt(),
            ],
            ["指标", "指标代码", "期间", "数值", "分子", "分母", "同比", "环比", "同级排名", "同级地区数", "上级数值", "95%区间下限", "95%区间上限", "小样本(分母<30)"],
            rows);
    }

    /// <summary>One of the data page's tables; <paramref name="table"/> is one of <see cref="HealthTables"/>.</summary>
    public static ExportTable Health(DataHealth health, string table, string scopeName)
    {
        var filters = new List<string> { $"范围：{scopeName}" };
        if (health.Scoped)
            filters.Add("本密钥限定地区：源文件包含全省各地区的数据，其行数不向限定地区的密钥提供。");
        filters.Add(TableExport.ExportedAt());
        return table switch
        {
            "runs" => new ExportTable("加载记录", "数据-加载记录", filters,
                ["批次", "开始", "结束", "加载文件", "跳过文件", "入库行数", "隔离行数"],
                health.Runs.Select(r => (IReadOnlyList<Cell>)
                [
                    Cell.Text(r.RunId), Cell.Time(r.StartedAt), Cell.Time(r.FinishedAt), Cell.Integer(r.FilesLoaded), Cell.Integer(r.FilesSkipped),
                    Cell.Integer(r.RowsLoaded), Cell.Integer(r.RowsRejected),
                ]).ToList()),
            "files" => new ExportTable("已加载文件", "数据-已加载文件", filters,
                ["文件", "类别", "编码", "加载时间", "读取行数", "入库行数", "隔离行数", "SHA-256"],
                health.Files.Select(f => (IReadOnlyList<Cell>)
                [
                    Cell.Text(f.FilePath), Cell.Text(f.FamilyZh), Cell.Text(f.Encoding), Cell.Time(f.LoadedAt),
                    Cell.Integer(f.RowsRead), Cell.Integer(f.RowsLoaded), Cell.Integer(f.RowsRejected), Cell.Text(f.Sha256),
                ]).ToList()),
            "quarantine" => new ExportTable("隔离的行", "数据-隔离的行",
                [.. filters.SkipLast(1), "行号按表格软件的显示计（表头为第 1 行）；隔离行的原始内容不导出，以免泄露个人信息。", filters[^1]],
                ["文件", "工作表", "列", "原因代码", "原因", "行数", "首行行号"],
                health.Quarantine.Select(q => (IReadOnlyList<Cell>)
                [
                    Cell.Text(q.FilePath), Cell.Text(q.Sheet), Cell.Text(q.Column), Cell.Text(q.ReasonCode), Cell.Text(q.ReasonZh),
                    Cell.Integer(q.Rows), Cell.Integer(q.FirstRow),
                ]).ToList()),
            "reconciliation" => new ExportTable("与公开数据核对", "数据-与公开数据核对",
                [.. filters.SkipLast(1), "比率相差不超过 0.5 个百分点视为一致；原文写“余、多、以上、超过”的数值按下限核对。", filters[^1]],
                ["地区", "区划代码", "指标", "期间", "公开数值", "仓库数值", "结果", "出处", "原文"],
                health.Reconciliation.Select(r => Reconciled(r)).ToList()),
            "failures" => new ExportTable("未成功的加载", "数据-未成功的加载",
                [.. filters.SkipLast(1), "失败或被停止的加载不改变仓库；行号按表格软件的显示计（表头为第 1 行）。", filters[^1]],
                ["开始", "结束", "结果", "文件", "行", "列", "原因", "之后尚无成功加载"],
                health.FailedLoads.Select(f => (IReadOnlyList<Cell>)
                [
                    Cell.Time(f.StartedAt), Cell.Time(f.FinishedAt), Cell.Text(f.OutcomeZh), Cell.Text(f.File), Cell.Integer(f.Row),
                    Cell.Text(f.Column), Cell.Text(f.Reason), Cell.Text(f.Unresolved ? "是" : ""),
                ]).ToList()),
            _ => throw new WorkbenchProblem(404, $"没有数据表“{table}”，可用：{string.Join("、", HealthTables)}"),
        };
    }

    private static IReadOnlyList<Cell> Reconciled(ReconciliationRow r)
    {
        var measure = MeasureCatalog.Find(r.Indicator) is { } m ? WorkbenchQueries.Describe(m) : null;
        Cell Number(double? v) => measure is null ? new Cell(v, CellKind.Number) : Cell.Measure(measure, v);
        return
        [
            Cell.Text(r.RegionName), Cell.Text(r.RegionCode), Cell.Text(r.IndicatorZh), Cell.Text(r.Period),
            Number(r.PublishedValue), Number(r.WarehouseValue), Cell.Text(StatusZh(r.Status) + (r.LowerBound ? "（下限）" : "")),
            Cell.Text(r.SourceDocument), Cell.Text(r.Quote),
        ];
    }

    public static string StatusZh(string status) => status switch
    {
        "match" => "一致",
        "differs" => "不一致",
        "missing" => "缺数据",
        _ => status,
    };
}
