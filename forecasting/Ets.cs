namespace Analytics.Forecasting;

/// <summary>An additive-error ETS form on the model scale: trend none, additive or damped; season none or additive.</summary>
internal readonly record struct EtsForm(bool Trend, bool Damped, bool Seasonal)
{
    /// <summary>The usual ETS(error, trend, season) label, e.g. AAdA.</summary>
    public string Name => "A" + (Trend ? Damped ? "Ad" : "A" : "N") + (Seasonal ? "A" : "N");

    /// <summary>Smoothing parameters, initial states and the error variance: what AICc counts.</summary>
    public int Parameters => 1 + (Trend ? 1 : 0) + (Damped ? 1 : 0) + (Seasonal ? 1 : 0) + 1 + (Trend ? 1 : 0) + (Seasonal ? 11 : 0) + 1;
}

/// <summary>
/// One fitted ETS model: the innovations state-space form of Hyndman, Koehler, Snyder and Grose (2002) with additive
/// errors, on the model scale (log1p or logit), where additive errors are the multiplicative ones of the raw scale.
/// Smoothing parameters and the initial level and slope are fitted by maximum likelihood (the Gaussian likelihood with
/// the variance concentrated out, n log(SSE / n)); the initial season comes from a classical decomposition of the
/// history. The form is chosen by AICc. Parameters are kept in the usual admissible region: 0 &lt; α &lt; 1,
/// 0 &lt; β &lt; α, 0 &lt; γ &lt; 1 − α, 0.8 ≤ φ ≤ 0.98.
/// </summary>
internal sealed class EtsFit
{
    private EtsFit(EtsForm form, double[] parameters, double[] season, double objective, int n)
    {
        Form = form;
        (Alpha, Beta, Gamma, Phi, Level0, Slope0) = Unpack(form, parameters);
        Season0 = season;
        var k = form.Parameters;
        Aicc = n - k - 1 > 0 ? objective + 2 * k + 2.0 * k * (k + 1) / (n - k - 1) : double.PositiveInfinity;
        Sigma2 = Math.Exp(objective / n);
    }

    public EtsForm Form { get; }
    public double Alpha { get; }
    public double Beta { get; }
    public double Gamma { get; }
    public double Phi { get; }
    public double Level0 { get; }
    public double Slope0 { get; }

    /// <summary>Initial seasonal states by position modulo 12 from the series start.</summary>
    public double[] Season0 { get; }

    public double Aicc { get; }

    /// <summary>The one-step error variance, SSE / n.</summary>
    public double Sigma2 { get; }

    private static readonly EtsForm[] AllForms =
    [
        new(false, false, false), new(true, false, false), new(true, true, false),
        new(false, false, true), new(true, false, true), new(true, true, true),
    ];

    /// <summary>The form with the lowest AICc among the non-seasonal ones, and the seasonal ones when <paramref name="seasonal"/>.</summary>
    public static EtsFit Select(double[] y, bool seasonal)
    {
        EtsFit? best = null;
        foreach (var form in AllForms)
        {
            if (form.Seasonal && (!seasonal || y.Length < 24))
                continue;
            // A trend and a season (15-16 parameters) on under three years is fitting noise, and the costliest form.
            if (form is { Seasonal: true, Trend: true } && y.Length < 36)
                continue;
            if (y.Length - form.Parameters - 1 <= 0 && best is not null)
                continue;
            var fit = Fit(y, form);
            if (best is null || fit.Aicc < best.Aicc)
                best = fit;
        }
        return best!;
    }

    public static EtsFit Fit(double[] y, EtsForm form)
    {
        var season = form.Seasonal ? SeasonalIndices.Of(y) : new double[12];
        var adjusted = new double[Math.Min(y.Length, 24)];
        for (var t = 0; t < adjusted.Length; t++)
            adjusted[t] = y[t] - season[t % 12];
        var level0 = form.Seasonal ? adjusted.Take(12).Average() : y[0];
        var slope0 = !form.Trend ? 0
            : form.Seasonal && adjusted.Length >= 24 ? (adjusted.Skip(12).Average() - adjusted.Take(12).Average()) / 12
            : y.Length > 1 ? (y[Math.Min(y.Length - 1, 9)] - y[0]) / Math.Min(y.Length - 1, 9) : 0;
        var spread = Math.Max(1e-3, StandardDeviation(y));
        var start = new List<double> { Logit(0.3) };
        var step = new List<double> { 1.5 };
        if (form.Trend)
        {
            start.Add(Logit(0.1));
            step.Add(1.5);
        }
        if (form.Damped)
        {
            start.Add(Logit((0.95 - 0.8) / 0.18));
            step.Add(1.5);
        }
        if (form.Seasonal)
        {
            start.Add(Logit(0.1));
            step.Add(1.5);
        }
        start.Add(level0);
        step.Add(0.5 * spread);
        if (form.Trend)
        {
            start.Add(slope0);
            step.Add(0.2 * spread / Math.Max(1, y.Length / 4));
        }
        var n = y.Length;
        var (best, value) = NelderMead.Minimize(p => n * Math.Log(Math.Max(Sse(y, form, p, season) / n, 1e-12)), start.ToArray(), step.ToArray(),
            maxEvaluations: 150 * start.Count);
        return new EtsFit(form, best, season, value, n);
    }

    /// <summary>Runs the filter over <paramref name="y"/> (from the series start) and forecasts <paramref name="h"/> months.</summary>
    public double[] Forecast(double[] y, int h)
    {
        var season = (double[])Season0.Clone();
        Filter(y, Form, Alpha, Beta, Gamma, Phi, Level0, Slope0, season, out var level, out var slope);
        var path = new double[h];
        double damp = 0, power = 1;
        for (var k = 0; k < h; k++)
        {
            power *= Form.Trend ? Form.Damped ? Phi : 1 : 0;
            damp += power;
            path[k] = level + damp * slope + (Form.Seasonal ? season[(y.Length + k) % 12] : 0);
        }
        return path;
    }

    private static double Sse(double[] y, EtsForm form, double[] p, double[] season0)
    {
        var (alpha, beta, gamma, phi, level0, slope0) = Unpack(form, p);
        Span<double> season = stackalloc double[12];
        season0.CopyTo(season);
        return Filter(y, form, alpha, beta, gamma, phi, level0, slope0, season, out _, out _);
    }

    /// <summary>The state recursions; returns the sum of squared one-step errors and leaves the final states.</summary>
    private static double Filter(double[] y, EtsForm form, double alpha, double beta, double gamma, double phi, double level, double slope,
        Span<double> season, out double finalLevel, out double finalSlope)
    {
        var damping = form.Trend ? phi : 0;
        double sse = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var s = form.Seasonal ? season[t % 12] : 0;
            var trended = level + damping * slope;
            var error = y[t] - trended - s;
            sse += error * error;
            level = trended + alpha * error;
            slope = damping * slope + beta * error;
            if (form.Seasonal)
                season[t % 12] = s + gamma * error;
        }
        finalLevel = level;
        finalSlope = slope;
        return sse;
    }

    private static (double Alpha, double Beta, double Gamma, double Phi, double Level0, double Slope0) Unpack(EtsForm form, double[] p)
    {
        var i = 0;
        var alpha = Math.Clamp(Sigmoid(p[i++]), 1e-4, 0.9999);
        var beta = form.Trend ? alpha * Sigmoid(p[i++]) : 0;
        var phi = form.Damped ? 0.8 + 0.18 * Sigmoid(p[i++]) : 1;
        var gamma = form.Seasonal ? (1 - alpha) * Sigmoid(p[i++]) : 0;
        var level0 = p[i++];
        var slope0 = form.Trend ? p[i] : 0;
        return (alpha, beta, gamma, phi, level0, slope0);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double StandardDeviation(double[] y)
    {
        var mean = y.Average();
        return Math.Sqrt(y.Average(v => (v - mean) * (v - mean)));
    }
}
