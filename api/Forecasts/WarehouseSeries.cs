using System.Data;
using Analytics.Warehouse.Measures;

namespace Analytics.Api.Forecasts;

/// <summary>
/// Where the warehouse meets the forecasting library: a catalogue measure as the <see cref="SeriesMeasure"/> the maths
/// needs, and measure_values rows as <see cref="MonthValue"/>s. Static extensions, so the callers read as they did when
/// the maths lived in the API.
/// </summary>
internal static class WarehouseSeries
{
    extension(Measure measure)
    {
        public SeriesMeasure ForForecast() => new(measure.Id,
            measure.Unit switch
            {
                MeasureUnit.Count => SeriesUnit.Count,
                MeasureUnit.Ratio => SeriesUnit.Ratio,
                MeasureUnit.Score => SeriesUnit.Score,
                _ => throw new ArgumentOutOfRangeException(nameof(measure), measure.Unit, "unit without a forecasting scale"),
            },
            measure.Kind switch
            {
                MeasureKind.Flow => SeriesKind.Flow,
                MeasureKind.Cumulative => SeriesKind.Cumulative,
                MeasureKind.Snapshot => SeriesKind.Snapshot,
                _ => throw new ArgumentOutOfRangeException(nameof(measure), measure.Kind, "kind without a forecasting rule"),
            });
    }

    extension(MonthlySeries)
    {
        /// <summary>A catalogue measure's series (see <see cref="MonthlySeries.From(SeriesMeasure, IReadOnlyList{MonthValue})"/>).</summary>
        public static MonthlySeries? From(Measure measure, IReadOnlyList<MonthValue> rows) => MonthlySeries.From(measure.ForForecast(), rows);
    }

    extension(MonthValue)
    {
        /// <summary>Reads period, value, numerator and denominator from four columns starting at <paramref name="first"/>.</summary>
        public static MonthValue Read(IDataRecord row, int first) => new(row.GetString(first),
            row.IsDBNull(first + 1) ? null : row.GetDouble(first + 1),
            row.IsDBNull(first + 2) ? null : row.GetInt64(first + 2),
            row.IsDBNull(first + 3) ? null : row.GetInt64(first + 3));
    }
}
