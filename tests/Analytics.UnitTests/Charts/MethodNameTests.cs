using System.Reflection;
using Analytics.Forecasting;

namespace Analytics.UnitTests.Charts;

public sealed class MethodNameTests
{
    [Fact]
    public void Every_forecast_method_has_a_Chinese_name_for_the_report()
    {
        var names = typeof(Analytics.Forecasting.ForecastEngine).Assembly.GetType("Analytics.Forecasting.SimpleMethods")!
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType.Name == "Method")
            .Select(f => f.GetValue(null))
            .Select(m => (string)m!.GetType().GetProperty("Name")!.GetValue(m)!)
            .Append("sdca_autoregression")
            .ToList();
        Assert.True(names.Count >= 8, string.Join(", ", names));
        foreach (var name in names)
            Assert.DoesNotMatch("[a-z]", MethodNames.Zh(name));
    }

    [Fact]
    public void A_forecast_that_averages_the_best_candidates_names_each_of_them_in_Chinese()
    {
        Assert.Equal("近12月均值、简单指数平滑、阻尼趋势的平均", MethodNames.Zh("mean_12+ses+damped_trend"));
        Assert.Equal("ETS指数平滑、Theta法、ETS与Theta组合的平均", MethodNames.Zh("ets+theta+ets_theta"));
    }
}
