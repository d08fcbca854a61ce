using Analytics.Forecasting;

namespace Analytics.UnitTests.Forecasting;

/// <summary>
/// The unit and kind of the catalogue measures these tests forecast, written out so the fast tests need no warehouse;
/// SeriesShapeTests holds it to the catalogue.
/// </summary>
internal static class CatalogShapes
{
    public static IReadOnlyList<SeriesMeasure> All { get; } =
    [
        new("enforcement_cases", SeriesUnit.Count, SeriesKind.Flow),
        new("grid_count", SeriesUnit.Count, SeriesKind.Snapshot),
        new("hotline_composite_score", SeriesUnit.Score, SeriesKind.Flow),
        new("hotline_resolution_rate", SeriesUnit.Ratio, SeriesKind.Flow),
        new("hotline_response_rate", SeriesUnit.Ratio, SeriesKind.Flow),
        new("hotline_tickets", SeriesUnit.Count, SeriesKind.Flow),
        new("institution_streamlining_rate", SeriesUnit.Ratio, SeriesKind.Cumulative),
        new("institutions_integrated", SeriesUnit.Count, SeriesKind.Cumulative),
        new("whistles", SeriesUnit.Count, SeriesKind.Flow),
    ];

    public static SeriesMeasure Of(string measureId) =>
        All.SingleOrDefault(m => m.Id == measureId) ?? throw new ArgumentException($"no test shape for measure '{measureId}'", nameof(measureId));
}
