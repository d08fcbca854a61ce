using Analytics.Impact;

namespace Analytics.UnitTests.Impact;

/// <summary>
/// The estimator against a known truth: many generated panels with a planted effect (or none), and the share of
/// them in which the estimate lands where it should. Sizes are chosen so a correct estimator passes with room and a
/// wrong one (no bootstrap clustering, already-treated comparisons, unweighted rates) fails.
/// </summary>
public sealed class SimulationTests
{
    private static readonly ImpactOptions Window = new() { Lead = 6, Lag = 12, Replicates = 199 };

    [Fact]
    public void Recovers_a_planted_ramped_effect_with_95_percent_coverage()
    {
        var design = new SimulatedPanel { Amount = 0.04, RampMonths = 6 };
        var truth = Enumerable.Range(0, Window.Lag + 1).Average(e => design.Effect(0, e));
        var runs = Enumerable.Range(0, 200).Select(s => CallawaySantAnna.Estimate(design.Generate(1000 + s).Panel, Window)).ToList();

        Assert.All(runs, r => Assert.Equal(Window.Lag, r.Overall!.LastEventTime));
        var bias = runs.Average(r => r.Overall!.Estimate) - truth;
        var se = runs.Average(r => r.Overall!.StandardError);
        Assert.True(Math.Abs(bias) < 0.2 * se, $"bias {bias:0.0000} against mean SE {se:0.0000}");
        var covered = runs.Count(r => r.Overall!.Low <= truth && truth <= r.Overall.High) / (double)runs.Count;
        Assert.InRange(covered, 0.91, 0.99);

        // Every event time after the reform too, pooled: the ramp is recovered month by month.
        var hits = runs.SelectMany(r => r.Events.Where(e => e.EventTime >= 0)
            .Select(e => e.Low <= design.Effect(0, e.EventTime) && design.Effect(0, e.EventTime) <= e.High)).ToList();
        Assert.InRange(hits.Count(h => h) / (double)hits.Count, 0.925, 0.975);
    }

    [Fact]
    public void With_no_effect_a_5_percent_test_rejects_about_5_percent_of_the_time()
    {
        var design = new SimulatedPanel { Amount = 0 };
        var runs = Enumerable.Range(0, 300).Select(s => CallawaySantAnna.Estimate(design.Generate(5000 + s).Panel, Window)).ToList();

        var rejected = runs.Count(r => r.Overall!.PValue < 0.05) / (double)runs.Count;
        Assert.InRange(rejected, 0.02, 0.09);
        var preRejected = runs.Count(r => r.PreTrend!.Rejected) / (double)runs.Count;
        Assert.InRange(preRejected, 0.01, 0.10);
    }

    [Fact]
    public void A_pre_reform_drift_fails_the_pre_trend_test_and_the_answer_says_so()
    {
        var design = new SimulatedPanel { Amount = 0.04, PreTrend = 0.05 };
        var runs = Enumerable.Range(0, 20).Select(s => CallawaySantAnna.Estimate(design.Generate(9000 + s).Panel, Window)).ToList();

        Assert.True(runs.Count(r => r.PreTrend!.Rejected) >= 18, string.Join(", ", runs.Select(r => r.PreTrend!.PValue.ToString("0.000"))));
        Assert.All(runs.Where(r => r.PreTrend!.Rejected), r => Assert.Contains(r.Warnings, w => w.Contains("预趋势检验", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_way_fixed_effects_is_biased_where_effects_differ_by_cohort_and_the_estimator_is_not()
    {
        // Two cohorts, nobody left unreformed, effects that grow and are twice as large in the early cohort: after the
        // late cohort's reform the early one is its only comparison, so TWFE subtracts the early cohort's growing
        // effect. Before the late cohort's reform (event times 0..19 of the early one) the estimator compares the early
        // cohort with the late one, still unreformed; that is its truth, 2 × Amount × (e+1).
        var design = new SimulatedPanel
        {
            Rates = false, NeverShare = 0, CohortMonths = [8, 28], CohortScale = [2, 1], Growing = true, Amount = 0.1,
        };
        var options = new ImpactOptions { Lead = 6, Lag = 19, Replicates = 199 };
        var truth = Enumerable.Range(0, 20).Average(e => design.Effect(0, e));
        var smallest = design.Effect(1, 0);
        var panels = Enumerable.Range(0, 40).Select(s => (design with { Units = 60 }).Generate(300 + s).Panel).ToList();
        var cs = panels.Select(p => CallawaySantAnna.Estimate(p, options)).ToList();
        var twfe = panels.Select(TwoWayFixedEffects.Estimate).ToList();

        var se = cs.Average(r => r.Overall!.StandardError);
        Assert.True(Math.Abs(cs.Average(r => r.Overall!.Estimate) - truth) < 0.25 * se, $"CS {cs.Average(r => r.Overall!.Estimate):0.000} vs truth {truth:0.000}");
        // Every true effect on a reformed township-month is at least `smallest`; TWFE lands below all of them.
        Assert.True(twfe.Average() < smallest, $"TWFE {twfe.Average():0.000}, smallest true effect {smallest:0.000}, CS truth {truth:0.000}");
    }
}
