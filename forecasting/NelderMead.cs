namespace Analytics.Forecasting;

/// <summary>
/// The Nelder-Mead simplex minimiser (standard coefficients 1, 2, ½, ½) for the few smoothing parameters and initial
/// states of an ETS fit. Written here rather than taken from a library: the objective is a tight loop over at most a
/// few hundred evaluations and allocation-free calls keep a fit well under a millisecond.
/// </summary>
internal static class NelderMead
{
    public static (double[] X, double Value) Minimize(Func<double[], double> f, double[] start, double[] step, int maxEvaluations = 400, double tolerance = 1e-7)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
                simplex[i][i - 1] += step[i - 1];
            values[i] = f(simplex[i]);
        }
        var evaluations = n + 1;
        var centroid = new double[n];
        var trial = new double[n];
        var trial2 = new double[n];
        while (evaluations < maxEvaluations)
        {
            Array.Sort(values, simplex);
            if (Math.Abs(values[n] - values[0]) <= tolerance * (Math.Abs(values[0]) + tolerance))
                break;
            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    centroid[j] += simplex[i][j] / n;
            for (var j = 0; j < n; j++)
                trial[j] = centroid[j] + (centroid[j] - simplex[n][j]);
            var reflected = f(trial);
            evaluations++;
            if (reflected < values[0])
            {
                for (var j = 0; j < n; j++)
                    trial2[j] = centroid[j] + 2 * (centroid[j] - simplex[n][j]);
                var expanded = f(trial2);
                evaluations++;
                Replace(expanded < reflected ? trial2 : trial, Math.Min(expanded, reflected));
            }
            else if (reflected < values[n - 1])
                Replace(trial, reflected);
            else
            {
                var outside = reflected < values[n];
                for (var j = 0; j < n; j++)
                    trial2[j] = outside ? centroid[j] + 0.5 * (trial[j] - centroid[j]) : centroid[j] + 0.5 * (simplex[n][j] - centroid[j]);
                var contracted = f(trial2);
                evaluations++;
                if (contracted < Math.Min(reflected, values[n]))
                    Replace(trial2, contracted);
                else
                {
                    // Shrink towards the best point.
                    for (var i = 1; i <= n; i++)
                    {
                        for (var j = 0; j < n; j++)
                            simplex[i][j] = simplex[0][j] + 0.5 * (simplex[i][j] - simplex[0][j]);
                        values[i] = f(simplex[i]);
                    }
                    evaluations += n;
                }
            }
        }
        Array.Sort(values, simplex);
        return (simplex[0], values[0]);

        void Replace(double[] point, double value)
        {
            Array.Copy(point, simplex[n], n);
            values[n] = value;
        }
    }
}
