extern alias api;

using api::Analytics.Api.Forecasts;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Forecasting;

/// <summary>The forecasting library sees each catalogue measure with the unit and kind the catalogue gives it.</summary>
public sealed class SeriesShapeTests
{
    [Fact]
    public void Every_catalogue_measure_keeps_its_id_unit_and_kind_for_forecasting()
    {
        Assert.All(MeasureCatalog.All, m =>
        {
            var shape = m.ForForecast();
            Assert.Equal((m.Id, m.Unit.ToString(), m.Kind.ToString()), (shape.Id, shape.Unit.ToString(), shape.Kind.ToString()));
        });
    }

    [Fact]
    public void The_unit_tests_forecast_measures_shaped_as_the_catalogue_has_them()
    {
        Assert.All(CatalogShapes.All, shape =>
            Assert.Equal(MeasureCatalog.Find(shape.Id)?.ForForecast(), shape));
    }
}
