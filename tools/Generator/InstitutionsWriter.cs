namespace Analytics.Generator;

/// <summary>
/// reform/institutions_&lt;city&gt;.xlsx: one workbook per city (北京市 for 平谷区), one sheet per county.
/// Even sheets hold real date cells, odd sheets the text dates ("2020/3/15") many offices type in.
/// </summary>
internal static class InstitutionsWriter
{
    private static readonly string[] Header =
        ["区划代码", "改革完成日期", "机构设置模式", "改革前机构数", "改革后机构数", "改革前事业单位数", "改革后事业单位数", "改革前内设机构数", "改革后内设机构数"];

    public static void Write(RegionTree tree, IReadOnlyList<Reform> reforms, WriteLog log)
    {
        var byCity = reforms.GroupBy(r => tree[tree.CountyOf(r.Township).ParentCode].Name);
        foreach (var city in byCity)
        {
            var relative = $"reform/institutions_{city.Key}.xlsx";
            using var workbook = Workbooks.Create();
            var sheetIndex = 0;
            var rows = 0;
            foreach (var county in city.GroupBy(r => tree.CountyOf(r.Township).Name))
            {
                var sheet = Workbooks.Sheet(workbook, county.Key, Header);
                var textDates = sheetIndex++ % 2 == 1;
                var row = 2;
                foreach (var reform in county)
                {
                    var (before, after) = (reform.BodiesBefore, reform.BodiesAfter);
                    // Planted defect: a 临沂 town whose count went up (swapped columns in the export).
                    if (county.Key == "平邑县" && row == 2)
                    {
                        (before, after) = (after, before);
                        log.Defect(relative, row, "改革后机构数 (sheet 平邑县)", $"{after} is above 改革前机构数 {before}");
                    }
                    Workbooks.Text(sheet.Cell(row, 1), reform.Township.Code);
                    if (textDates)
                    {
                        Workbooks.Text(sheet.Cell(row, 2), Timestamps.Date(reform.CompletedOn, slashed: true));
                    }
                    else
                    {
                        Workbooks.Date(sheet.Cell(row, 2), reform.CompletedOn);
                    }
                    sheet.Cell(row, 3).SetValue(reform.Model);
                    Workbooks.Number(sheet.Cell(row, 4), before);
                    Workbooks.Number(sheet.Cell(row, 5), after);
                    Workbooks.Number(sheet.Cell(row, 6), reform.InstitutionsBefore);
                    Workbooks.Number(sheet.Cell(row, 7), reform.InstitutionsAfter);
                    Workbooks.Number(sheet.Cell(row, 8), reform.InternalBefore);
                    Workbooks.Number(sheet.Cell(row, 9), reform.InternalAfter);
                    row++;
                    rows++;
                }
            }
            Workbooks.Save(workbook, log.PathOf(relative));
            log.Wrote(relative, rows);
        }
    }
}
