namespace Analytics.Forecasting;

/// <summary>
/// The Chinese name of each forecast method, declared once: the charts, the reports and the workbench (through
/// <see cref="ForecastResult.MethodZh"/>) all show these.
/// </summary>
public static class MethodNames
{
    /// <summary>
    /// A method's Chinese name; a forecast that is the mean of the best few candidates (named a+b+c) lists them:
    /// "近12月均值、简单指数平滑、阻尼趋势的平均".
    /// </summary>
    public static string Zh(string method) => method.Contains('+')
        ? string.Join("、", method.Split('+').Select(Zh)) + "的平均"
        : method switch
        {
            "ets" => "ETS指数平滑",
            "theta" => "Theta法",
            "ets_theta" => "ETS与Theta组合",
            "croston_sba" => "Croston法",
            "naive" => "朴素法",
            "seasonal_naive" => "季节朴素法",
            "drift" => "漂移法",
            "mean_12" => "近12月均值",
            "ses" => "简单指数平滑",
            "damped_trend" => "阻尼趋势",
            "seasonal_ses" => "季节指数平滑",
            "seasonal_damped" => "季节阻尼趋势",
            "sdca_autoregression" => "自回归（SDCA）",
            _ => method,
        };
}
