using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Analytics.Impact;

/// <summary>
/// Difference-in-differences for staggered reforms (Callaway and Sant'Anna 2021) with not-yet-treated comparisons.
/// For a cohort g (townships first treated in month g) and a month t, ATT(g,t) is the cohort's change in outcome from
/// the base month g-1 to t minus the same change among townships not yet treated in either month (first treated after
/// max(t, g-1), the never treated included). A township's change is weighted by d_t d_b / (d_t + d_b), the inverse of
/// the sampling variance of a difference of two rates with denominators d_t and d_b (a constant for counts and scores,
/// whose weight is 1). Event-time effects average ATT(g, g+e) over cohorts by their treated weight; the overall effect
/// is the mean of the event-time effects from 0 to the last estimable month of the window. Intervals come from a cluster
/// bootstrap: townships are drawn with replacement and everything is recomputed, so serial correlation within a
/// township is kept. Already-treated townships are never comparisons, which is what biases two-way fixed effects.
/// </summary>
public static class CallawaySantAnna
{
    public static ImpactEstimate Estimate(Panel panel, ImpactOptions? options = null)
    {
        options ??= new ImpactOptions();
        options.Validate();
        var plan = new Plan(panel, options);
        var point = plan.Point();
        var replicates = plan.Theta(Draws(panel.Units.Count, options.Seed, options.Replicates));

        var z = Normal.InvCDF(0, 1, 0.975);
        var events = new List<EventEffect>();
        for (var j = 0; j < plan.EventTimes.Length; j++)
        {
            var e = plan.EventTimes[j];
            var estimate = point.Theta[j];
            var se = double.IsNaN(estimate) ? null : StandardError(replicates.Select(r => r[j]));
            events.Add(new EventEffect(e, Finite(estimate), se, se is { } s ? estimate - z * s : null, se is { } s2 ? estimate + z * s2 : null,
                point.Cohorts[j], point.Treated[j], point.Comparison[j]));
        }

        // The overall effect averages the post-reform months the sample can estimate, in the sample and in every replicate.
        var post = Enumerable.Range(0, plan.EventTimes.Length).Where(j => plan.EventTimes[j] >= 0 && !double.IsNaN(point.Theta[j])).ToArray();
        OverallEffect? overall = null;
        if (post.Length > 0)
        {
            var estimate = Mean(point.Theta, post);
            if (StandardError(replicates.Select(r => Mean(r, post))) is { } se)
            {
                var p = se > 0 ? 2 * (1 - Normal.CDF(0, 1, Math.Abs(estimate / se))) : estimate == 0 ? 1 : 0;
                overall = new OverallEffect(estimate, se, estimate - z * se, estimate + z * se, p,
                    plan.EventTimes[post[0]], plan.EventTimes[post[^1]]);
            }
        }
        var pre = Enumerable.Range(0, plan.EventTimes.Length).Where(j => plan.EventTimes[j] < -1 && !double.IsNaN(point.Theta[j])).ToArray();
        var preTrend = PreTrend.Test(pre.Select(j => point.Theta[j]).ToArray(),
            replicates.Select(r => pre.Select(j => r[j]).ToArray()).ToList(), options.PreTrendLevel);

        var result = new ImpactEstimate(events, overall, preTrend, point.TreatedTotal, point.ComparisonTotal, plan.NeverTreated,
            plan.AlwaysTreated, plan.CohortMonths.Length, options.Replicates, []);
        return result with { Warnings = ImpactWarnings.For(result, options) };
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    /// <summary>Each replicate's count of draws of each township (n draws with replacement), one row per replicate.</summary>
    private static Matrix<double> Draws(int n, int seed, int replicates)
    {
        var random = new Random(seed);
        var k = Matrix<double>.Build.Dense(replicates, n);
        for (var r = 0; r < replicates; r++)
            for (var i = 0; i < n; i++)
                k[r, random.Next(n)] += 1;
        return k;
    }

    private static double Mean(double[] theta, int[] at)
    {
        double sum = 0;
        var n = 0;
        foreach (var j in at)
        {
            if (double.IsNaN(theta[j]))
                continue;
            sum += theta[j];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>The replicates' standard deviation; null when fewer than half the replicates could estimate it.</summary>
    private static double? StandardError(IEnumerable<double> replicates)
    {
        var all = replicates.ToList();
        var finite = all.Where(double.IsFinite).ToArray();
        if (finite.Length < Math.Max(2, all.Count / 2))
            return null;
        return MathNet.Numerics.Statistics.Statistics.StandardDeviation(finite);
    }

    /// <summary>
    /// The cells (cohort g, month t = g + e, base b = g - 1) and, per township and cell, its weighted change and
    /// weight as a treated township and as a comparison. A replicate only changes how often each township counts, so
    /// every replicate's cell sums are one matrix product of the draw counts with these columns.
    /// </summary>
    private sealed class Plan
    {
        private readonly List<(int Event, int Cohort)> cells = [];
        private readonly Matrix<double> treatedSum, treatedWeight, comparisonSum, comparisonWeight;
        public int[] EventTimes { get; }
        public int[] CohortMonths { get; }
        public int NeverTreated { get; }
        public int AlwaysTreated { get; }

        public Plan(Panel panel, ImpactOptions options)
        {
            EventTimes = Enumerable.Range(-options.Lead, options.Lead + options.Lag + 1).Where(e => e != -1).ToArray();
            // A cohort needs a base month inside the panel; townships treated in the first month or earlier have no
            // before, and are neither treated nor comparisons.
            CohortMonths = panel.FirstTreated.Where(g => g >= 1 && g < panel.Months).Distinct().Order().ToArray();
            NeverTreated = panel.FirstTreated.Count(g => g >= panel.Months);
            AlwaysTreated = panel.FirstTreated.Count(g => g < 1);
            for (var j = 0; j < EventTimes.Length; j++)
                foreach (var g in CohortMonths)
                    if (g + EventTimes[j] is var t && t >= 0 && t < panel.Months)
                        cells.Add((j, g));
            var n = panel.Units.Count;
            treatedSum = Matrix<double>.Build.Dense(n, cells.Count);
            treatedWeight = Matrix<double>.Build.Dense(n, cells.Count);
            comparisonSum = Matrix<double>.Build.Dense(n, cells.Count);
            comparisonWeight = Matrix<double>.Build.Dense(n, cells.Count);
            for (var c = 0; c < cells.Count; c++)
            {
                var (j, g) = cells[c];
                int t = g + EventTimes[j], b = g - 1, after = Math.Max(t, b);
                for (var i = 0; i < n; i++)
                {
                    var gi = panel.FirstTreated[i];
                    var y = panel.Values[i];
                    if ((gi != g && gi <= after) || double.IsNaN(y[t]) || double.IsNaN(y[b]))
                        continue;
                    var d = panel.Weights[i];
                    var w = d[t] * d[b] / (d[t] + d[b]);
                    var (sum, weight) = gi == g ? (treatedSum, treatedWeight) : (comparisonSum, comparisonWeight);
                    sum[i, c] = w * (y[t] - y[b]);
                    weight[i, c] = w;
                }
            }
        }

        /// <summary>The event-time effects of each row of draw counts (NaN where no cohort had both groups).</summary>
        public double[][] Theta(Matrix<double> draws)
        {
            var (st, wt, sc, wc) = (draws * treatedSum, draws * treatedWeight, draws * comparisonSum, draws * comparisonWeight);
            var theta = new double[draws.RowCount][];
            for (var r = 0; r < draws.RowCount; r++)
            {
                var num = new double[EventTimes.Length];
                var den = new double[EventTimes.Length];
                for (var c = 0; c < cells.Count; c++)
                {
                    if (wt[r, c] <= 0 || wc[r, c] <= 0)
                        continue;
                    var j = cells[c].Event;
                    // wT × (treated mean change − comparison mean change)
                    num[j] += st[r, c] - wt[r, c] * sc[r, c] / wc[r, c];
                    den[j] += wt[r, c];
                }
                theta[r] = num.Select((x, j) => den[j] > 0 ? x / den[j] : double.NaN).ToArray();
            }
            return theta;
        }

        /// <summary>The sample's effects, and which townships each event time (and the post-reform months) used.</summary>
        public Result Point()
        {
            var n = treatedSum.RowCount;
            var theta = Theta(Matrix<double>.Build.Dense(1, n, 1.0))[0];
            var result = new Result(theta, new int[EventTimes.Length], new int[EventTimes.Length], new int[EventTimes.Length]);
            var treatedAny = new HashSet<int>();
            var comparisonAny = new HashSet<int>();
            for (var j = 0; j < EventTimes.Length; j++)
            {
                var treated = new HashSet<int>();
                var comparison = new HashSet<int>();
                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c].Event != j)
                        continue;
                    var t = Enumerable.Range(0, n).Where(i => treatedWeight[i, c] > 0).ToList();
                    var k = Enumerable.Range(0, n).Where(i => comparisonWeight[i, c] > 0).ToList();
                    if (t.Count == 0 || k.Count == 0)
                        continue;
                    result.Cohorts[j]++;
                    treated.UnionWith(t);
                    comparison.UnionWith(k);
                }
                (result.Treated[j], result.Comparison[j]) = (treated.Count, comparison.Count);
                if (EventTimes[j] >= 0)
                {
                    treatedAny.UnionWith(treated);
                    comparisonAny.UnionWith(comparison);
                }
            }
            result.TreatedTotal = treatedAny.Count;
            result.ComparisonTotal = comparisonAny.Count;
            return result;
        }
    }

    private sealed record Result(double[] Theta, int[] Cohorts, int[] Treated, int[] Comparison)
    {
        public int TreatedTotal { get; set; }
        public int ComparisonTotal { get; set; }
    }
}
