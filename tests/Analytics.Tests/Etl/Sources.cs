using System.IO.Compression;
using System.Text;
using Analytics.Etl.Load;
using ClosedXML.Excel;
using DuckDB.NET.Data;

namespace Analytics.Tests.Etl;

/// <summary>A temp source folder and warehouse for one test, with writers for every layout the loader reads.</summary>
public sealed class Sources : IDisposable
{
    public const string RegionHeader = "区划代码,名称,级别,类型,上级代码,常住人口,面积(平方公里),经济发达镇,改革试点";
    public const string TicketHeader = "工单编号,来电时间,诉求人,联系电话,诉求内容,诉求类别,承办单位代码,派单时间,首次联系时间,办结时间,是否解决,满意度,是否吹哨,报到部门";
    public const string CaseHeader = "案件编号,区划代码,执法领域,立案日期,结案日期,是否联合执法,出动人员,处置结果,罚没金额(元),是否吹哨";
    public static readonly string[] ReformHeader =
        ["区划代码", "改革完成日期", "机构设置模式", "改革前机构数", "改革后机构数", "改革前事业单位数", "改革后事业单位数", "改革前内设机构数", "改革后内设机构数"];

    /// <summary>A province, a city, a county, two towns and a street with one community each.</summary>
    public static readonly string[] Regions =
    [
        "610000000000,陕西省,省,,,,,否,否",
        "610300000000,宝鸡市,市,,610000000000,,,否,否",
        "610323000000,岐山县,县,,610300000000,,,否,否",
        "610323101000,蔡家坡镇,乡镇,镇,610323000000,90000,100.5,是,否",
        "610323102000,凤鸣镇,乡镇,镇,610323000000,50000,80,否,是",
        "610323001000,城关街道,乡镇,街道,610323000000,30000,10,否,否",
        "610323101001,一社区,村社区,社区,610323101000,,,否,否",
        "610323102001,二社区,村社区,社区,610323102000,,,否,否",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("analytics-test-").FullName;
    public string Source => Path.Combine(Root, "source");
    public string Warehouse => Path.Combine(Root, "wh", "warehouse.duckdb");

    public Sources(bool withRegions = true)
    {
        Directory.CreateDirectory(Source);
        if (withRegions)
            Csv("regions.csv", RegionHeader, Regions);
    }

    public static Encoding Gb18030 => SourceFile.Gb18030;

    public void Csv(string relative, string header, IEnumerable<string> rows, Encoding? encoding = null, bool bom = false, bool gzip = false)
    {
        var text = header + "\r\n" + string.Join("\r\n", rows) + "\r\n";
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        if (bom)
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        Write(relative, bytes, gzip);
    }

    public void Jsonl(string relative, IEnumerable<string> lines, bool gzip = false) =>
        Write(relative, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), gzip);

    /// <summary>A workbook with one sheet per entry; cells given as objects so dates can be real Excel dates.</summary>
    public void Xlsx(string relative, string[] header, params (string Sheet, object?[][] Rows)[] sheets)
    {
        using var book = new XLWorkbook();
        foreach (var (name, rows) in sheets)
        {
            var sheet = book.AddWorksheet(name);
            for (var c = 0; c < header.Length; c++)
                sheet.Cell(1, c + 1).Value = header[c];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 2, c + 1).Value = rows[r][c];
            }
        }
        var path = Path.Combine(Source, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        book.SaveAs(path);
    }

    public void Write(string relative, byte[] bytes, bool gzip = false)
    {
        var path = Path.Combine(Source, relative + (gzip ? ".gz" : ""));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    public LoadResult Load(Action<SourceFile>? afterFile = null, bool rebuild = false) =>
        new Loader(new Analytics.Etl.Load.LoadOptions(Source, Warehouse) { AfterFile = afterFile, Rebuild = rebuild }).Run();

    /// <summary>A load with some options (limits, date window) changed from their defaults.</summary>
    public LoadResult Load(Func<Analytics.Etl.Load.LoadOptions, Analytics.Etl.Load.LoadOptions> configure) =>
        new Loader(configure(new Analytics.Etl.Load.LoadOptions(Source, Warehouse))).Run();


    /// <summary>Runs a query on the published warehouse, read-only, as any reader would.</summary>
    public List<object?[]> Query(string sql) => Query(Warehouse, sql);

    public static List<object?[]> Query(string warehouse, string sql)
    {
        var file = new Analytics.Warehouse.Generations(warehouse).Current() ?? throw new InvalidOperationException("no warehouse yet");
        using var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            rows.Add(values.Select(v => v is DBNull ? null : v).ToArray());
        }
        return rows;
    }

    public object? Scalar(string sql) => Query(sql).Single()[0];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
