using System.Diagnostics;
using System.Xml.Linq;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;

namespace Analytics.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class MetadataTests(ApiFactory factory)
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    private async Task<string> Metadata() => await factory.Admin().GetStringAsync("/odata/$metadata");

    [Fact]
    public async Task Every_property_and_every_measure_has_a_description()
    {
        var document = XDocument.Parse(await Metadata());
        static bool Described(XElement e) => e.Elements(Edm + "Annotation")
            .Any(a => (string?)a.Attribute("Term") is "Org.OData.Core.V1.Description" or "Core.Description"
                      && !string.IsNullOrWhiteSpace((string?)a.Attribute("String")));

        var entityTypes = document.Descendants(Edm + "EntityType").ToList();
        Assert.Equal(10, entityTypes.Count);
        foreach (var type in entityTypes)
        {
            Assert.True(Described(type), $"{type.Attribute("Name")} has no description");
            foreach (var property in type.Elements(Edm + "Property"))
                Assert.True(Described(property), $"{type.Attribute("Name")}.{property.Attribute("Name")} has no description");
        }
        var members = document.Descendants(Edm + "EnumType").Single(e => (string?)e.Attribute("Name") == "MeasureId")
            .Elements(Edm + "Member").ToDictionary(m => (string)m.Attribute("Name")!);
        foreach (var measure in MeasureCatalog.All)
        {
            Assert.True(members.TryGetValue(measure.Id, out var member), $"measure {measure.Id} missing from $metadata");
            Assert.True(Described(member), $"measure {measure.Id} has no description");
        }
    }

    [Fact]
    public async Task Metadata_validates_against_the_oasis_csdl_schema()
    {
        // A copy of the OASIS CSDL schemas (with their licence), so the test does not depend on where
        // the repository is cloned.
        var schema = Path.Combine(WarehousePaths.RepositoryRoot, "tests", "Analytics.Tests", "Api", "odata-csdl", "edmx.xsd");
        Assert.True(File.Exists(schema), $"the OASIS schema is not at {schema}");
        var file = Path.Combine(factory.Root, "metadata.xml");
        await File.WriteAllTextAsync(file, await Metadata());

        using var xmllint = Process.Start(new ProcessStartInfo("xmllint", ["--noout", "--schema", schema, file])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("xmllint did not start (apt-get install libxml2-utils)");
        var errors = await xmllint.StandardError.ReadToEndAsync();
        await xmllint.WaitForExitAsync();
        Assert.True(xmllint.ExitCode == 0, errors);
    }
}
