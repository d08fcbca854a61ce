namespace Analytics.Forecasting;

/// <summary>
/// A forecasting method on the model scale. <see cref="Fit"/> learns from a history and returns a forecaster that
/// takes any history of the same series from the same start (the training one or a longer one) and a horizon.
/// Cheap methods learn inside the forecaster, so every backtest origin refits them; the ML.NET regressions are
/// refitted only every <see cref="RefitEvery"/> origins and otherwise forecast from the newer history with the
/// coefficients they have (still nothing after the origin is seen).
/// </summary>
internal abstract class Method(string name, bool seasonal)
{
    public string Name { get; } = name;

    /// <summary>Needs at least 24 months and a flow or cumulative measure.</summary>
    public bool Seasonal { get; } = seasonal;

    public virtual int RefitEvery => 1;

    /// <param name="history">Model-scale values from the series start.</param>
    /// <param name="firstMonth">Month of year of history[0] (0 = January).</param>
    public abstract Func<double[], int, double[]> Fit(double[] history, int firstMonth);
}

/// <summary>A method that needs no training beyond the history it forecasts from.</summary>
internal sealed class DirectMethod(string name, bool seasonal, Func<double[], int, double[]> forecast) : Method(name, seasonal)
{
    public override Func<double[], int, double[]> Fit(double[] history, int firstMonth) => forecast;
}
