using System.Globalization;

namespace Analytics.Generator;

/// <summary>regions.csv: the statistical division export, UTF-8 with BOM.</summary>
internal static class RegionsWriter
{
    public const string File = "regions.csv";

    public static void Write(RegionTree tree, WriteLog log)
    {
        using var csv = new CsvOut(log.PathOf(File), ExportEncoding.Utf8Bom, "区划代码", "名称", "级别", "类型", "上级代码", "常住人口", "面积(平方公里)", "经济发达镇", "改革试点");
        foreach (var r in tree.All)
        {
            csv.Raw(r.Code).Field(r.Name).Field(r.Level).Field(r.Kind).Raw(r.ParentCode)
                .Field(r.Population).Raw(r.Area.ToString("0.0", CultureInfo.InvariantCulture))
                .Field(YesNo(r.Developed)).Field(YesNo(r.Pilot));
            csv.EndRow();
        }
        log.Wrote(File, csv.Rows);
    }

    public static string YesNo(bool value) => value ? "是" : "否";
}
