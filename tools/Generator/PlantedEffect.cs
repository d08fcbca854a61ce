using System.Globalization;

namespace Analytics.Generator;

/// <summary>
/// A known reform effect for checking impact estimates: from the month a township's institutional integration
/// completed (event time 0) its 12345 resolution probability rises by <see cref="Amount"/> × min(1, (e+1) /
/// <see cref="RampMonths"/>), e months after; townships not yet reformed follow the common path. Off by default, and
/// off for data-samples, whose published figures must not move. Probabilities are capped at 1, which only binds in
/// 2023-2024, when resolution is already about 97%.
/// </summary>
internal sealed record PlantedEffect(double Amount, int RampMonths)
{
    public static PlantedEffect? Parse(string? amount, string? ramp)
    {
        if (amount is null)
            return ramp is null ? null : throw new ArgumentException("--plant-ramp needs --plant-effect");
        var a = double.Parse(amount, CultureInfo.InvariantCulture);
        var r = ramp is null ? 1 : int.Parse(ramp, CultureInfo.InvariantCulture);
        if (!double.IsFinite(a) || a is < -0.5 or > 0.5)
            throw new ArgumentException("--plant-effect must be a change in the resolution rate between -0.5 and 0.5");
        if (r is < 1 or > 60)
            throw new ArgumentException("--plant-ramp must be 1 to 60 months");
        return new PlantedEffect(a, r);
    }

    /// <summary>The change in resolution probability <paramref name="e"/> months after the reform month.</summary>
    public double At(int e) => e < 0 ? 0 : Amount * Math.Min(1.0, (e + 1.0) / RampMonths);

    /// <summary>Each reformed township's reform month as an index on the hotline calendar (0 = 2019-01).</summary>
    public static Dictionary<string, int> ReformMonths(IEnumerable<Reform> reforms) =>
        reforms.GroupBy(r => r.Township.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(r => (r.CompletedOn.Year - 2019) * 12 + r.CompletedOn.Month - 1), StringComparer.Ordinal);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"From the month a township's institutional integration completed (`reform/institutions_*.xlsx` 完成时间, event time e = 0), its 12345 resolution probability is raised by {Amount:0.###} × min(1, (e+1)/{RampMonths}); townships not yet reformed follow the common path. An impact estimate of `hotline_resolution_rate` with treatment `integration` should recover it.");
}
