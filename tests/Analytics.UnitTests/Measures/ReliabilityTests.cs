extern alias api;

using api::Analytics.Api.Queries;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Measures;

public sealed class ReliabilityTests
{
    private static readonly Measure Satisfaction = MeasureCatalog.Find(MeasureIds.HotlineSatisfactionRate)!;

    [Fact]
    public void A_small_sample_gets_its_Wilson_interval_and_is_not_reliable()
    {
        // 8 of 10: Wilson 95% from the closed form (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96.
        var (low, high, reliable) = Reliability.Of(Satisfaction, 8, 10, 30);
        Assert.Equal(0.4902, low!.Value, 4);
        Assert.Equal(0.9433, high!.Value, 4);
        Assert.False(reliable);
    }

    [Fact]
    public void Enough_tickets_are_reliable_and_census_ratios_counts_have_no_interval()
    {
        Assert.True(Reliability.Of(Satisfaction, 300, 310, 30).Reliable);
        Assert.Equal((null, null, true), Reliability.Of(MeasureCatalog.Find(MeasureIds.InstitutionStreamliningRate)!, 5, 13, 30));
        Assert.Equal((null, null, true), Reliability.Of(MeasureCatalog.Find(MeasureIds.HotlineTickets)!, 12, null, 30));
    }

    [Fact]
    public void Volumes_have_no_direction_and_rates_do()
    {
        Assert.Equal(MeasureDirection.None, MeasureCatalog.Find(MeasureIds.HotlineTickets)!.Direction);
        Assert.Equal(MeasureDirection.None, MeasureCatalog.Find(MeasureIds.Whistles)!.Direction);
        Assert.Equal(MeasureDirection.None, MeasureCatalog.Find(MeasureIds.EnforcementCases)!.Direction);
        Assert.Equal(MeasureDirection.Up, Satisfaction.Direction);
        Assert.Equal(MeasureDirection.Down, MeasureCatalog.Find(MeasureIds.StaffingVacancyRate)!.Direction);
    }
}
