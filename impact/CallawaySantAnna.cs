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
        var replicates = plan.Theta(plan.Draws(options.Seed, options.Replicates));

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
    /// every replicate's cell sums are matrix products of the draw counts with these columns. Townships are ordered by
    /// their first treated month, so a cohort is a run of columns and the comparisons of a cell (first treated after
    /// max(t, g)) are a suffix: each product only spans the townships that can enter its cells, a fraction of the
    /// townships × cells product over all of them.
    /// </summary>
    private sealed class Plan
    {
        private readonly List<(int Event, int Cohort)> cells = [];
        private readonly List<Block> blocks = [];
        private readonly int[] order;
        private readonly int[] position;
        public int[] EventTimes { get; }
        public int[] CohortMonths { get; }
        public int NeverTreated { get; }
        public int AlwaysTreated { get; }

        /// <summary>
        /// Townships <see cref="Start"/>..+<see cref="Length"/> (in first-treated order) and, for some cells, their
        /// weighted changes (the first <c>Cells.Length</c> columns) and weights (the next as many): one product a block.
        /// </summary>
        private sealed record Block(bool Treated, int Start, int Length, int[] Cells, Matrix<double> Columns);

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
            order = Enumerable.Range(0, n).OrderBy(i => panel.FirstTreated[i]).ThenBy(i => i).ToArray();
            position = new int[n];
            for (var p = 0; p < n; p++)
                position[order[p]] = p;
            var first = order.Select(i => panel.FirstTreated[i]).ToArray();
            // The first position whose township is first treated after month a (or equal to it, when inclusive).
            int From(int a, bool inclusive) => Enumerable.Range(0, n).FirstOrDefault(p => inclusive ? first[p] >= a : first[p] > a, n);
            var all = Enumerable.Range(0, cells.Count).ToList();
            // Treated: the cohort's own townships. Comparisons: those first treated after max(t, b) other than the
            // cohort, which is those first treated after max(t, g) (t = g - 1 is the base month and has no cell).
            foreach (var group in all.GroupBy(c => cells[c].Cohort))
            {
                var start = From(group.Key, inclusive: true);
                blocks.Add(Fill(panel, true, start, From(group.Key, inclusive: false) - start, [.. group]));
            }
            foreach (var group in all.GroupBy(c => Math.Max(cells[c].Cohort + EventTimes[cells[c].Event], cells[c].Cohort)))
            {
                var start = From(group.Key, inclusive: false);
                if (start < n)
                    blocks.Add(Fill(panel, false, start, n - start, [.. group]));
            }
        }

        private Block Fill(Panel panel, bool treated, int start, int length, int[] blockCells)
        {
            var columns = Matrix<double>.Build.Dense(length, 2 * blockCells.Length);
            for (var k = 0; k < blockCells.Length; k++)
            {
                var (j, g) = cells[blockCells[k]];
                int t = g + EventTimes[j], b = g - 1;
                for (var p = 0; p < length; p++)
                {
                    var i = order[start + p];
                    var y = panel.Values[i];
                    if (double.IsNaN(y[t]) || double.IsNaN(y[b]))
                        continue;
                    var d = panel.Weights[i];
                    var w = d[t] * d[b] / (d[t] + d[b]);
                    columns[p, k] = w * (y[t] - y[b]);
                    columns[p, blockCells.Length + k] = w;
                }
            }
            return new Block(treated, start, length, blockCells, columns);
        }

        /// <summary>
        /// Each replicate's count of draws of each township (n draws with replacement), one row per replicate, in
        /// first-treated order; the townships are drawn by their position in the panel, so the same seed draws the
        /// same townships whatever their reform months.
        /// </summary>
        public Matrix<double> Draws(int seed, int replicates)
        {
            var n = order.Length;
            var random = new Random(seed);
            var k = Matrix<double>.Build.Dense(replicates, n);
            for (var r = 0; r < replicates; r++)
                for (var i = 0; i < n; i++)
                    k[r, position[random.Next(n)]] += 1;
            return k;
        }

        /// <summary>The event-time effects of each row of draw counts (NaN where no cohort had both groups).</summary>
        public double[][] Theta(Matrix<double> draws)
        {
            var rows = draws.RowCount;
            var (st, wt, sc, wc) = (new double[rows, cells.Count], new double[rows, cells.Count], new double[rows, cells.Count],
                new double[rows, cells.Count]);
            foreach (var block in blocks)
            {
                var product = draws.SubMatrix(0, rows, block.Start, block.Length) * block.Columns;
                var (s, w, m) = (block.Treated ? st : sc, block.Treated ? wt : wc, block.Cells.Length);
                for (var k = 0; k < m; k++)
                    for (var r = 0; r < rows; r++)
                        (s[r, block.Cells[k]], w[r, block.Cells[k]]) = (product[r, k], product[r, m + k]);
            }
            var theta = new double[rows][];
            for (var r = 0; r < rows; r++)
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
            var theta = Theta(Matrix<double>.Build.Dense(1, order.Length, 1.0))[0];
            var result = new Result(theta, new int[EventTimes.Length], new int[EventTimes.Length], new int[EventTimes.Length]);
            // Per cell, the positions of the townships with a weight in it, as treated and as comparisons.
            var treatedIn = new List<int>[cells.Count];
            var comparisonIn = new List<int>[cells.Count];
            foreach (var block in blocks)
                for (var k = 0; k < block.Cells.Length; k++)
                {
                    var list = (block.Treated ? treatedIn : comparisonIn)[block.Cells[k]] = [];
                    for (var p = 0; p < block.Length; p++)
                        if (block.Columns[p, block.Cells.Length + k] > 0)
                            list.Add(block.Start + p);
                }
            var treatedAny = new HashSet<int>();
            var comparisonAny = new HashSet<int>();
            for (var j = 0; j < EventTimes.Length; j++)
            {
                var treated = new HashSet<int>();
                var comparison = new HashSet<int>();
                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c].Event != j || treatedIn[c] is not { Count: > 0 } t || comparisonIn[c] is not { Count: > 0 } k)
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
