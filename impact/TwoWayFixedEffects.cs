using MathNet.Numerics.LinearAlgebra;

namespace Analytics.Impact;

/// <summary>
/// The plain two-way fixed-effects regression y_it = α_i + λ_t + β·reformed_it + ε, weighted like the estimator
/// (by denominators for rates). Kept only to show what it gets wrong: with staggered reforms whose effects differ by
/// cohort or grow over time, β compares later-reformed townships with already-reformed ones and can land far from
/// every true effect, even on the wrong side of zero. A dense design, so meant for panels of a few hundred townships.
/// </summary>
public static class TwoWayFixedEffects
{
    public const int MaxColumns = 2000;

    public static double Estimate(Panel panel)
    {
        int n = panel.Units.Count, months = panel.Months;
        var columns = n + months; // township dummies, months 1.. dummies, the reform indicator
        if (columns > MaxColumns)
            throw new ArgumentException($"two-way fixed effects here is for checks on small panels (at most {MaxColumns} townships plus months)");
        var rows = new List<(int Unit, int Month)>();
        for (var i = 0; i < n; i++)
            for (var t = 0; t < months; t++)
                if (!double.IsNaN(panel.Values[i][t]))
                    rows.Add((i, t));
        var x = Matrix<double>.Build.Dense(rows.Count, columns);
        var y = Vector<double>.Build.Dense(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var (i, t) = rows[r];
            var w = Math.Sqrt(panel.Weights[i][t]);
            x[r, i] = w;
            if (t > 0)
                x[r, n + t - 1] = w;
            x[r, columns - 1] = t >= panel.FirstTreated[i] ? w : 0;
            y[r] = w * panel.Values[i][t];
        }
        return x.QR().Solve(y)[columns - 1];
    }
}
