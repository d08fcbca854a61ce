using System.IO.Compression;
using System.Text;
using Analytics.Etl.Load;
using Analytics.Warehouse;

namespace Analytics.Tests.Etl.BadFiles;

/// <summary>A .gz that is not a complete gzip stream fails naming the file, and nothing of it is committed.</summary>
public sealed class TruncatedGzipTests
{
    private static string Ticket(int i) =>
        $"T{i:D5},2024-07-01 09:00:00,张三,13800001111,第{i}号诉求内容,市政,610323101000,2024-07-01 10:00:00,,,已解决,满意,否,";

    public static TheoryData<string> Cuts => ["half", "last 4 bytes", "whole trailer", "inside the header"];

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_cut_gzip_fails_naming_the_file_and_the_warehouse_keeps_what_it_had(string cut)
    {
        using var s = new Sources();
        s.Csv("cases/hotline_202406.csv", Sources.TicketHeader, [Ticket(0)]);
        s.Load();
        var before = new Generations(s.Warehouse).Current();

        var text = Encoding.UTF8.GetBytes(Sources.TicketHeader + "\n" + string.Join("\n", Enumerable.Range(1, 550).Select(Ticket)) + "\n");
        var gz = Gzip(text);
        var kept = cut switch
        {
            "half" => gz.Length / 2,
            "last 4 bytes" => gz.Length - 4,
            "whole trailer" => gz.Length - 8,
            _ => 6,
        };
        s.Write("cases/hotline_202407.csv.gz", gz[..kept]);

        var e = Assert.Throws<LoadException>(() => s.Load());

        Assert.Equal("cases/hotline_202407.csv.gz", e.File);
        Assert.Contains("not a complete gzip stream", e.Problem);
        Assert.Equal(before, new Generations(s.Warehouse).Current());
        Assert.Equal(1L, s.Scalar("SELECT count(*) FROM stg_hotline_tickets"));
        Assert.Equal(0L, s.Scalar("SELECT count(*) FROM quarantine"));
    }

    [Fact]
    public void A_complete_gzip_still_loads_every_row()
    {
        using var s = new Sources();
        s.Write("cases/hotline_202407.csv.gz",
            Gzip(Encoding.UTF8.GetBytes(Sources.TicketHeader + "\n" + string.Join("\n", Enumerable.Range(1, 550).Select(Ticket)) + "\n")));

        var file = Assert.Single(s.Load().Files, f => f.Family == "hotline_tickets");

        Assert.Equal((550L, 550L), (file.Read, file.Loaded));
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var zip = new GZipStream(memory, CompressionLevel.Fastest))
            zip.Write(bytes);
        return memory.ToArray();
    }
}
