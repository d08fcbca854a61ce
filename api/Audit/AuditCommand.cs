using System.Globalization;
using System.Text.Json;
using Analytics.Warehouse;
using DuckDB.NET.Data;

namespace Analytics.Api.Audit;

/// <summary>
/// <c>dotnet run --project api -- audit [--region 日照市] [--month last|2026-11] [--from D] [--to D] [--key ID]
/// [--folder DIR] [--warehouse PATH] [--json]</c>: who asked what, read from the audit files on the server.
/// </summary>
public static class AuditCommand
{
    public static int Run(string[] args)
    {
        var options = new CommandOptions(args, "json");
        var warehouse = Path.GetFullPath(options["warehouse"] ?? WarehousePaths.DefaultWarehouse);
        var folder = options["folder"] ?? Environment.GetEnvironmentVariable("Audit__Folder") ?? AuditOptions.DefaultFolder(warehouse);
        try
        {
            var question = AuditQuestion.Parse(options["month"], options["from"], options["to"], options["region"], options["key"], DateTimeOffset.UtcNow);
            AuditRegion? region = null;
            if (question.Region is { } name)
            {
                var generation = new Generations(warehouse).Current()
                    ?? throw new AuditQueryException($"没有数据仓库：{warehouse}（按地区查询需要它的区划表）");
                using var connection = new DuckDBConnection($"Data Source={generation};ACCESS_MODE=READ_ONLY");
                connection.Open();
                region = AuditRegion.Find(connection, name);
            }
            var answer = AuditEndpoints.Answer(folder, question, region);
            if (options.Has("json"))
                Console.WriteLine(JsonSerializer.Serialize(answer, AuditEntry.Json));
            else
                Print(answer, folder);
            return 0;
        }
        catch (AuditQueryException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static void Print(AuditAnswer answer, string folder)
    {
        string Local(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(AuditTrail.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var about = answer.RegionCode is null ? "" : $"，涉及 {answer.RegionName}（{answer.RegionCode}）及其下级";
        var key = answer.KeyId is null ? "" : $"，密钥 {answer.KeyId}";
        Console.WriteLine($"审计记录 {folder}：{Local(answer.From)} 至 {Local(answer.To)}（北京时间）{about}{key}：{answer.Count} 条");
        foreach (var group in answer.Entries.GroupBy(m => (m.Entry.KeyId, m.Entry.Role, m.Entry.Scope)))
            Console.WriteLine($"  密钥 {group.Key.KeyId ?? "（无）"}  角色 {group.Key.Role ?? "-"}  范围 {group.Key.Scope ?? "全国"}：{group.Count()} 次");
        foreach (var (entry, possibly) in answer.Entries)
        {
            var rows = entry.Rows is { } r ? r.ToString(CultureInfo.InvariantCulture) : "-";
            var query = entry.Query is null ? "" : "?" + entry.Query;
            Console.WriteLine($"{Local(entry.Time)}  {entry.KeyId ?? "-",-12} {entry.Role ?? "-",-8} {entry.Scope ?? "全国",-12} {entry.Status} {rows,6} 行  {entry.Method} {entry.Path}{query}{(possibly ? "  （结果过大未全记地区，可能涉及）" : "")}");
        }
    }
}
