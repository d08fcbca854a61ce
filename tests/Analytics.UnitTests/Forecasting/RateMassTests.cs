using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>
/// What a rate's published interval promises under our own distribution when the month's rate can only be n / d:
/// checked against the piecewise-linear distribution worked out by hand and against draws from it.
/// </summary>
public sealed class RateMassTests
{
    // Six tickets every month, so the way back from the logit uses exactly D = 6: a rate x sits at
    // logit((6x + ½) / 7) on the model scale.
    private static readonly MonthlySeries SixTickets = SyntheticSeries.Rate("hotline_resolution_rate",
        Enumerable.Range(0, 24).Select(t => (t % 3 == 0 ? 5L : 6L, 6L)));

    // Point 2.0, 80% half-width 1.0, 95% half-width 2.0: knots -1/3, 0, 1, 2, 3, 4, 13/3 on the model scale at
    // probabilities 0, 2.5, 10, 50, 90, 97.5 and 100%.
    private static readonly double[] Knots = [-1.0 / 3, 0, 1, 2, 3, 4, 13.0 / 3];
    private static readonly double[] Probabilities = [0, 0.025, 0.10, 0.50, 0.90, 0.975, 1];

    private static Predictive Distribution() => new(SixTickets, 2.0, 1.0, 2.0);

    [Fact]
    public void An_interval_reaching_100_percent_holds_every_value_from_its_lowest_reachable_one_up()
    {
        // On 6 tickets, [80%, 100%] holds 5/6 and 6/6: everything above the cell edge 4.5/6 = 75%, which sits at
        // logit((4.5 + ½) / 7) = ln 2.5 on the model scale, between the knots 0 (2.5%) and 1 (10%).
        var below = 0.025 + 0.075 * Math.Log(2.5);
        Assert.Equal(1 - below, Distribution().RateMass(0.80, 1.0, 6), 10);
    }

    [Fact]
    public void The_probability_of_exactly_100_percent_is_the_mass_above_the_last_cell_edge()
    {
        // 100% on 6 tickets is everything above 5.5/6, at logit(6 / 7) = ln 6, between the knots 1 (10%) and 2 (50%).
        var below = 0.10 + 0.40 * (Math.Log(6) - 1);
        Assert.Equal(1 - below, Distribution().RateMass(1.0, 1.0, 6), 10);
    }

    [Fact]
    public void An_interval_between_two_reachable_values_promises_nothing()
    {
        // 5/6 = 83.3% and 6/6 lie outside [85%, 95%]: no month of 6 tickets can land inside.
        Assert.Equal(0, Distribution().RateMass(0.85, 0.95, 6));
        // [80%, 95%] holds 5/6 alone: its cell from 4.5/6 (ln 2.5) to 5.5/6 (ln 6).
        var low = 0.025 + 0.075 * Math.Log(2.5);
        var high = 0.10 + 0.40 * (Math.Log(6) - 1);
        Assert.Equal(high - low, Distribution().RateMass(0.80, 0.95, 6), 10);
    }

    [Fact]
    public void A_month_with_other_tickets_than_usual_is_read_on_its_own_grid()
    {
        // 10 tickets: [83%, 100%] holds 9/10 and 10/10, above 8.5/10 = 85%, at logit((5.1 + ½) / 7) = ln 4.
        var below = 0.10 + 0.40 * (Math.Log(4) - 1);
        Assert.Equal(1 - below, Distribution().RateMass(0.83, 1.0, 10), 10);
    }

    [Fact]
    public void A_month_without_counts_reads_the_interval_as_it_is()
    {
        // 75% and 85% sit at ln 2.5 and ln 4 (see above).
        var low = 0.025 + 0.075 * Math.Log(2.5);
        var high = 0.10 + 0.40 * (Math.Log(4) - 1);
        Assert.Equal(high - low, Distribution().RateMass(0.75, 0.85, 0), 10);
    }

    [Fact]
    public void An_interval_reaching_100_percent_can_promise_no_less_than_the_step_that_holds_its_level()
    {
        // On 6 tickets 100% alone has 58.3% (above ln 6), 5/6 and up 90.6% (above ln 2.5): at 80% the least is the
        // second, at 50% the first, at 95% the values from 4/6 up (95.3%, above 3.5/6 at logit(4 / 7) = ln(4 / 3)).
        var hundred = 1 - (0.10 + 0.40 * (Math.Log(6) - 1));
        var fiveUp = 1 - (0.025 + 0.075 * Math.Log(2.5));
        var fourUp = 1 - (0.025 + 0.075 * Math.Log(4.0 / 3));
        Assert.Equal(hundred, Distribution().LeastReachingMaximum(0.50, 6), 10);
        Assert.Equal(fiveUp, Distribution().LeastReachingMaximum(0.80, 6), 10);
        Assert.Equal(fourUp, Distribution().LeastReachingMaximum(0.95, 6), 10);
    }

    [Theory]
    [InlineData(0.80, 1.0, 6)]
    [InlineData(0.60, 0.95, 6)]
    [InlineData(0.70, 1.0, 9)]
    [InlineData(0.90, 1.0, 25)]
    [InlineData(0.0, 0.5, 4)]
    public void The_promise_matches_draws_from_the_distribution_rounded_to_the_months_tickets(double low, double high,
        int tickets)
    {
        // Draws by inverting the piecewise-linear distribution, back from the logit with D = 6 as the engine does,
        // then rounded to the nearest n / d (100% above (d - ½) / d): the share inside is the promise.
        var random = new Random(7);
        const int draws = 400_000;
        var inside = 0;
        for (var i = 0; i < draws; i++)
        {
            var u = random.NextDouble();
            var j = Array.FindLastIndex(Probabilities, p => p <= u);
            var z = Knots[j]
                + (Knots[j + 1] - Knots[j]) * (u - Probabilities[j]) / (Probabilities[j + 1] - Probabilities[j]);
            var q = 1 / (1 + Math.Exp(-z));
            var rate = Math.Clamp((q * 7 - 0.5) / 6, 0, 1);
            var n = Math.Clamp(Math.Ceiling(rate * tickets - 0.5), 0, tickets);
            if (n / tickets >= low - 1e-9 && n / tickets <= high + 1e-9)
                inside++;
        }
        // 400,000 draws: a standard error under 0.001.
        var promised = Distribution().RateMass(low, high, tickets);
        Assert.True(Math.Abs((double)inside / draws - promised) < 0.004,
            $"draws {(double)inside / draws:0.0000}, promised {promised:0.0000}");
    }
}
