extern alias api;

using System.Globalization;
using Analytics.Etl.Load;
using Analytics.Tests.Etl;
using Analytics.Warehouse.Measures;
using api::Analytics.Api.Queries;

namespace Analytics.Tests.Measures;

/// <summary>The marts' low, high and reliable columns (OData) and the API's Reliability (dashboards, reports, workbench) agree on every row.</summary>
public sealed class ReliabilityAgreementTests
{
    [Fact]
    public void Every_surface_gets_the_same_interval_and_small_sample_flag()
    {
        using var s = new Sources();
        var random = new Random(5);
        string[] towns = ["610323101000", "610323102000", "610323001000"];
        string[] satisfied = ["满意", "基本满意", "不满意", "未回访"];
        for (var month = 1; month <= 6; month++)
        {
            // Month by month from a handful to a few hundred tickets, so both sides of the minimum occur.
            var n = month * month * 12;
            s.Csv($"cases/hotline_2024{month:00}.csv", Sources.TicketHeader, Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
                $"T{month}-{i},2024-{month:00}-{1 + i % 28:00} 09:00:00,某人,13800000000,内容,市政,{towns[random.Next(3)]},2024-{month:00}-{1 + i % 28:00} 10:00:00,2024-{month:00}-{1 + i % 28:00} 1{random.Next(10)}:00:00,,已解决,{satisfied[random.Next(4)]},否,")));
        }
        new Loader(new LoadOptions(s.Source, s.Warehouse) { MinDenominator = 50 }).Run();

        var rows = s.Query("SELECT measure_id, numerator, denominator, low, high, reliable FROM measure_values");
        Assert.Contains(rows, r => (bool)r[5]! == false);
        foreach (var r in rows)
        {
            var (low, high, reliable) = Reliability.Of(MeasureCatalog.Find((string)r[0]!)!, (long?)r[1], (long?)r[2], 50);
            Assert.Equal(reliable, (bool)r[5]!);
            Assert.Equal(low is null, r[3] is null);
            if (low is not null)
            {
                Assert.Equal(low.Value, (double)r[3]!, 9);
                Assert.Equal(high!.Value, (double)r[4]!, 9);
            }
        }
    }
}
