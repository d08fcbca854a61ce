using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Analytics.Impact;

/// <summary>The joint pre-trend test (see <see cref="PreTrendTest"/>).</summary>
internal static class PreTrend
{
    /// <summary>
    /// Wald statistic θ' Σ⁺ θ of the pre-reform effects θ with Σ their bootstrap covariance; as Σ is itself estimated
    /// from R replicates, the statistic is referred to Hotelling's T² (F with k and R-k degrees of freedom) rather than
    /// χ², which would reject too often when k is not small beside R. Null when there is nothing to test.
    /// </summary>
    public static PreTrendTest? Test(double[] theta, IReadOnlyList<double[]> replicates, double level)
    {
        var k = theta.Length;
        var usable = replicates.Where(r => r.All(double.IsFinite)).ToList();
        var n = usable.Count;
        if (k == 0 || n <= k + 1)
            return null;
        var draws = Matrix<double>.Build.DenseOfRowArrays(usable);
        var means = draws.ColumnSums() / n;
        var centred = draws - Matrix<double>.Build.Dense(n, k, (_, c) => means[c]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (n - 1);
        var rank = covariance.Rank();
        if (rank == 0)
            return null;
        var t = Vector<double>.Build.DenseOfArray(theta);
        var wald = t * (covariance.PseudoInverse() * t);
        var f = wald * (n - rank) / (rank * (double)(n - 1));
        var p = 1 - FisherSnedecor.CDF(rank, n - rank, f);
        return new PreTrendTest(wald, k, p, p < level);
    }
}
