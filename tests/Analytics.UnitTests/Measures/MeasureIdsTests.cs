using System.Reflection;
using Analytics.Warehouse.Measures;

namespace Analytics.UnitTests.Measures;

public sealed class MeasureIdsTests
{
    [Fact]
    public void Every_catalog_measure_has_exactly_one_constant_and_every_constant_a_measure()
    {
        var constants = typeof(MeasureIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        Assert.Equal(MeasureCatalog.All.Select(m => m.Id).Order(StringComparer.Ordinal), constants.Values.Order(StringComparer.Ordinal));
        // The constant's name is the id in PascalCase, so code reads as the catalog does.
        foreach (var (name, id) in constants)
            Assert.Equal(string.Concat(id.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])), name);
    }
}
