using MathNet.Numerics.Distributions;

namespace Analytics.Impact;

/// <summary>
/// An in-memory panel with a known truth, for the simulation tests and the notebook: townships with their own level,
/// a trend and season every township shares, serially correlated noise, staggered reform months, and a planted effect
/// <c>Amount × cohort scale × ramp(e)</c> from the reform month on, where ramp(e) = min(1, (e+1) / RampMonths). Rates
/// are drawn as binomial counts over denominators of about <see cref="Denominator"/>; with <see cref="Rates"/> false
/// the outcome is a continuous score with weight 1.
/// </summary>
public sealed record SimulatedPanel
{
    public int Units { get; init; } = 80;
    public int Months { get; init; } = 48;

    /// <summary>Share of townships never reformed within the panel.</summary>
    public double NeverShare { get; init; } = 0.25;

    /// <summary>Reform months; each reformed township gets one at random.</summary>
    public int[] CohortMonths { get; init; } = [12, 18, 24, 30];

    /// <summary>The effect of each cohort as a multiple of <see cref="Amount"/> (1 for all when empty).</summary>
    public double[] CohortScale { get; init; } = [];

    public double Amount { get; init; } = 0.04;
    public int RampMonths { get; init; } = 6;

    /// <summary>An effect growing without limit, Amount × (e+1), instead of the ramp: the case that breaks TWFE most.</summary>
    public bool Growing { get; init; }

    public bool Rates { get; init; } = true;
    public int Denominator { get; init; } = 150;

    /// <summary>
    /// A violation: reformed townships move by up to this much in the six months before their reform (rising linearly
    /// to it in the base month), as when the townships reformed first were chosen for how they were doing.
    /// </summary>
    public double PreTrend { get; init; }

    public static double Ramp(int e, int months) => e < 0 ? 0 : Math.Min(1.0, (e + 1.0) / Math.Max(1, months));

    /// <summary>The planted effect on a township of cohort index <paramref name="cohort"/>, <paramref name="e"/> months after its reform.</summary>
    public double Effect(int cohort, int e)
    {
        if (e < 0)
            return 0;
        var scale = CohortScale.Length > cohort ? CohortScale[cohort] : 1;
        return Amount * scale * (Growing ? e + 1 : Ramp(e, RampMonths));
    }

    /// <summary>The panel, and each township's cohort index (-1 never reformed).</summary>
    public (Panel Panel, int[] Cohort) Generate(int seed)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var observations = new List<Observation>(Units * Months);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var cohorts = new int[Units];
        var common = Enumerable.Range(0, Months).Select(t => 0.10 * t / Months + 0.02 * Math.Sin(2 * Math.PI * t / 12)).ToArray();
        for (var i = 0; i < Units; i++)
        {
            var unit = $"u{i:D4}";
            cohorts[i] = random.NextDouble() < NeverShare ? -1 : random.Next(CohortMonths.Length);
            var g = cohorts[i] < 0 ? Panel.Never : CohortMonths[cohorts[i]];
            if (cohorts[i] >= 0)
                first[unit] = g;
            var level = (Rates ? 0.55 : 10) + (Rates ? 0.06 : 2) * normal.Sample();
            var size = 0.5 + random.NextDouble();
            var noise = 0.0;
            for (var t = 0; t < Months; t++)
            {
                noise = 0.5 * noise + (Rates ? 0.012 : 0.5) * normal.Sample();
                var drift = cohorts[i] >= 0 && t < g && t >= g - 7 ? PreTrend * (t - (g - 7)) / 6 : 0;
                var effect = cohorts[i] >= 0 ? Effect(cohorts[i], t - g) : 0;
                var mean = level + common[t] * (Rates ? 1 : 10) + noise + drift + effect;
                if (!Rates)
                {
                    observations.Add(new Observation(unit, t, mean, 1));
                    continue;
                }
                var d = Math.Max(10, (int)Math.Round(Denominator * size * (0.85 + 0.3 * random.NextDouble())));
                var p = Math.Clamp(mean, 0.001, 0.999);
                observations.Add(new Observation(unit, t, Binomial.Sample(random, p, d) / (double)d, d));
            }
        }
        return (Panel.From(observations, Months, first), cohorts);
    }
}
