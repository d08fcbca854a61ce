using Analytics.Impact;

namespace Analytics.UnitTests.Impact;

/// <summary>The estimator's arithmetic on panels small enough to compute by hand.</summary>
public sealed class EstimatorTests
{
    private static readonly ImpactOptions Options = new() { Lead = 2, Lag = 1, Replicates = 50, MinGroup = 1 };

    [Fact]
    public void A_cell_weighs_each_townships_change_by_its_denominators()
    {
        // Month 2 is the reform month of a and b; c and d are never reformed. Base month 1.
        Observation[] rows =
        [
            new("a", 0, 0.50, 100), new("a", 1, 0.50, 100), new("a", 2, 0.70, 300),
            new("b", 0, 0.40, 10), new("b", 1, 0.40, 10), new("b", 2, 0.20, 10),
            new("c", 0, 0.60, 50), new("c", 1, 0.60, 50), new("c", 2, 0.65, 50),
            new("d", 0, 0.30, 200), new("d", 1, 0.30, 200), new("d", 2, 0.30, 200),
        ];
        var panel = Panel.From(rows, 3, new Dictionary<string, int> { ["a"] = 2, ["b"] = 2 });
        var result = CallawaySantAnna.Estimate(panel, Options);

        // Weight d_t d_b / (d_t + d_b): a 75, b 5, c 25, d 100.
        var treated = (75 * 0.20 + 5 * -0.20) / 80;
        var comparison = (25 * 0.05 + 100 * 0.0) / 125;
        var at0 = result.Events.Single(e => e.EventTime == 0);
        Assert.Equal(treated - comparison, at0.Estimate!.Value, 12);
        Assert.Equal((2, 2), (at0.TreatedUnits, at0.ComparisonUnits));
        // Event time 1 is month 3, past the panel; event time -2 is month 0 and unchanged from the base for all.
        Assert.Null(result.Events.Single(e => e.EventTime == 1).Estimate);
        Assert.Equal(0, result.Events.Single(e => e.EventTime == -2).Estimate!.Value, 12);
        Assert.Equal(at0.Estimate, result.Overall!.Estimate);
    }

    [Fact]
    public void Already_reformed_townships_are_never_comparisons()
    {
        // Cohorts at months 2 and 4; at month 4 the month-2 cohort is reformed and the month-4 one too, so the
        // month-2 cohort's event time 2 has only the never-reformed township e to compare with.
        var rows = new List<Observation>();
        var y = new Dictionary<string, double[]>
        {
            ["a"] = [1, 1, 2, 3, 9, 9],
            ["b"] = [1, 1, 1, 1, 5, 5],
            ["e"] = [1, 1, 1, 1, 2, 2],
        };
        foreach (var (unit, values) in y)
            rows.AddRange(values.Select((v, t) => new Observation(unit, t, v, 1)));
        var panel = Panel.From(rows, 6, new Dictionary<string, int> { ["a"] = 2, ["b"] = 4 });
        var result = CallawaySantAnna.Estimate(panel, Options with { Lag = 2 });

        // Cohort 2 at month 4: a changed 9-1 = 8, e changed 1; b (reformed at 4) is left out. Cohort 4 at month 4
        // (event time 0): b changed 5-1 = 4 against e's 1. Event time 2 is cohort 2 alone: 7.
        Assert.Equal(7, result.Events.Single(e => e.EventTime == 2).Estimate!.Value, 12);
        Assert.Equal(1, result.Events.Single(e => e.EventTime == 2).ComparisonUnits);
        // Event time 0: cohort 2 at month 2 (a +1 against b's and e's 0) and cohort 4 at month 4 (b +4 against e's +1).
        Assert.Equal((1.0 + 3.0) / 2, result.Events.Single(e => e.EventTime == 0).Estimate!.Value, 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals_and_small_groups_are_warned_about()
    {
        var (panel, _) = new SimulatedPanel { Units = 12 }.Generate(7);
        var options = new ImpactOptions { Lead = 4, Lag = 6, Replicates = 99 };
        var first = CallawaySantAnna.Estimate(panel, options);
        var second = CallawaySantAnna.Estimate(panel, options);

        Assert.Equal(first.Overall, second.Overall);
        Assert.Contains(first.Warnings, w => w.Contains("很不稳定", StringComparison.Ordinal));
        Assert.Equal(panel.Units.Count, first.TreatedUnits + first.NeverTreatedUnits);
    }

    [Fact]
    public void Rows_in_another_order_give_the_same_intervals()
    {
        var (panel, cohort) = new SimulatedPanel { Units = 30 }.Generate(11);
        var rows = new List<Observation>();
        for (var i = 0; i < panel.Units.Count; i++)
            for (var t = 0; t < panel.Months; t++)
                rows.Add(new Observation(panel.Units[i], t, panel.Values[i][t], panel.Weights[i][t]));
        var first = Enumerable.Range(0, panel.Units.Count).Where(i => cohort[i] >= 0)
            .ToDictionary(i => panel.Units[i], panel.FirstTreatedOf);
        var options = new ImpactOptions { Lead = 4, Lag = 6, Replicates = 99 };
        rows.Reverse();
        var reversed = CallawaySantAnna.Estimate(Panel.From(rows, panel.Months, first), options);

        Assert.Equal(CallawaySantAnna.Estimate(panel, options).Overall, reversed.Overall);
    }
}
