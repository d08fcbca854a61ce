using System.Diagnostics;
using System.Xml.Linq;
using Analytics.Warehouse;
using Analytics.Warehouse.Measures;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

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
        // A measure id is a plain string whose description names every measure of the catalog.
        Assert.Empty(document.Descendants(Edm + "EnumType"));
        var measureId = entityTypes.Single(t => (string?)t.Attribute("Name") == "MeasureValue").Elements(Edm + "Property")
            .Single(p => (string?)p.Attribute("Name") == "MeasureId");
        Assert.Equal("Edm.String", (string?)measureId.Attribute("Type"));
        var description = measureId.Elements(Edm + "Annotation").Select(a => (string?)a.Attribute("String")).Single(d => d is not null)!;
        foreach (var measure in MeasureCatalog.All)
            Assert.Contains(measure.Id, description.Split([' ', ',', '.', ':'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task TheMetadataHasNoEdmValidationErrors()
    {
        using var reader = System.Xml.XmlReader.Create(new StringReader(await Metadata()));
        Assert.True(CsdlReader.TryParse(reader, out var model, out var parseErrors), string.Join("; ", parseErrors ?? []));
        model.Validate(out var errors);
        Assert.Empty(errors.Select(e => $"{e.ErrorCode}: {e.ErrorMessage}"));
    }

    [Fact]
    public async Task MeasureIdFiltersAsAStringAndAnEnumerationLiteralIsAClearError()
    {
        var client = factory.Admin();
        var rows = (await client.GetJson("/odata/MeasureValues?$filter=MeasureId eq 'hotline_tickets' and Period eq '2024'&$select=MeasureId"))
            .GetProperty("value").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("hotline_tickets", r.GetProperty("MeasureId").GetString()));
        var literal = await client.GetAsync("/odata/MeasureValues?$filter=MeasureId eq Analytics.MeasureId'hotline_tickets'");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, literal.StatusCode);
        var error = System.Text.Json.JsonDocument.Parse(await literal.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
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
