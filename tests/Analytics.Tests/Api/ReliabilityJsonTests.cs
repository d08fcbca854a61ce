namespace Analytics.Tests.Api;

/// <summary>The dashboards carry each rate's Wilson interval and sample flag, so every surface agrees on what is ranked.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReliabilityJsonTests(ApiFactory factory)
{
    [Fact]
    public async Task Comparison_rows_carry_the_Wilson_interval_of_their_tickets_and_the_sample_flag()
    {
        var root = await factory.Admin().GetJson("/api/dashboards/comparison?measure=hotline_satisfaction_rate&period=2024-03&level=township");
        Assert.Equal("up", root.GetProperty("measure").GetProperty("direction").GetString());
        foreach (var row in root.GetProperty("regions").EnumerateArray())
        {
            var code = row.GetProperty("regionCode").GetString()!;
            var rated = factory.Sources.Tickets.Where(t => t.Township == code && t.Received.Month == 3 && t.Satisfaction != "未回访").ToList();
            var n = rated.Count(t => t.Satisfaction is "满意" or "基本满意");
            var d = rated.Count;
            if (d == 0)
                continue;
            // Wilson score interval, z = 1.96, written out here independently of the API's code.
            const double z = 1.959963984540054;
            var p = (double)n / d;
            var centre = (p + z * z / (2 * d)) / (1 + z * z / d);
            var half = z / (1 + z * z / d) * Math.Sqrt(p * (1 - p) / d + z * z / (4.0 * d * d));
            Assert.Equal(centre - half, row.GetProperty("low").GetDouble(), 9);
            Assert.Equal(centre + half, row.GetProperty("high").GetDouble(), 9);
            Assert.Equal(d >= 30, row.GetProperty("reliable").GetBoolean());
        }
    }

    [Fact]
    public async Task A_volume_has_no_direction_and_no_interval()
    {
        var root = await factory.Admin().GetJson($"/api/dashboards/trend?measure=hotline_tickets&region={TestSources.Qishan}&from=2024-01&to=2024-03");
        Assert.Equal("none", root.GetProperty("measure").GetProperty("direction").GetString());
        foreach (var point in root.GetProperty("points").EnumerateArray())
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, point.GetProperty("low").ValueKind);
            Assert.True(point.GetProperty("reliable").GetBoolean());
        }
    }
}
