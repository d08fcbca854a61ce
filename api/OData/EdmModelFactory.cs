using System.ComponentModel;
using System.Reflection;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.ModelBuilder;

namespace Analytics.Api.OData;

/// <summary>
/// The OData model: entity sets over the warehouse tables, each type and property described (Core.Description) from
/// its [Description], and an enumeration MeasureId whose members document every measure of the catalog.
/// </summary>
public static class EdmModelFactory
{
    public const string Namespace = "Analytics";
    private const string CoreVocabulary = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml";

    /// <summary>Entity set name, CLR type, and whether it is a row-level fact set (analyst role).</summary>
    public static IReadOnlyList<(string Name, Type Type, bool Fact)> Sets { get; } =
    [
        ("Regions", typeof(Region), false),
        ("Measures", typeof(MeasureRow), false),
        ("MeasureValues", typeof(MeasureValue), false),
        ("HotlineTickets", typeof(HotlineTicket), true),
        ("EnforcementCases", typeof(EnforcementCase), true),
        ("InstitutionReforms", typeof(InstitutionReform), true),
        ("DevolvedPowers", typeof(DevolvedPower), true),
        ("GridSnapshots", typeof(GridSnapshot), true),
        ("GridEvents", typeof(GridEvent), true),
        ("Staffing", typeof(Staffing), true),
    ];

    public static IEdmModel Create()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Warehouse" };
        builder.EntitySet<Region>("Regions").EntityType.HasKey(r => r.Code);
        builder.EntitySet<MeasureRow>("Measures").EntityType.HasKey(m => m.Id).Name = "Measure";
        builder.EntitySet<MeasureValue>("MeasureValues").EntityType.HasKey(v => new { v.RegionCode, v.Period, v.MeasureId });
        builder.EntitySet<HotlineTicket>("HotlineTickets").EntityType.HasKey(t => t.TicketId);
        builder.EntitySet<EnforcementCase>("EnforcementCases").EntityType.HasKey(c => c.CaseId);
        builder.EntitySet<InstitutionReform>("InstitutionReforms").EntityType.HasKey(r => r.TownshipCode);
        builder.EntitySet<DevolvedPower>("DevolvedPowers").EntityType.HasKey(d => new { d.TownshipCode, d.ItemCode });
        builder.EntitySet<GridSnapshot>("GridSnapshots").EntityType.HasKey(g => new { g.GridCode, g.SnapshotDate });
        builder.EntitySet<GridEvent>("GridEvents").EntityType.HasKey(e => e.EventId);
        builder.EntitySet<Staffing>("Staffing").EntityType.HasKey(s => new { s.UnitCode, s.PostKind, s.Year });
        Forecasts.ForecastOData.AddTo(builder);
        Impact.ImpactOData.AddTo(builder);
        foreach (var type in builder.StructuralTypes)
            type.Namespace = Namespace;

        var model = (EdmModel)builder.GetEdmModel();
        Describe(model);
        AddMeasureEnumeration(model);
        Forecasts.ForecastOData.Describe(model, Namespace);
        Impact.ImpactOData.Describe(model, Namespace);
        model.SetEdmReferences([CoreReference()]);
        return model;
    }

    private static void Describe(EdmModel model)
    {
        foreach (var (name, type, fact) in Sets)
        {
            var set = model.EntityContainer.FindEntitySet(name);
            var entityType = set.EntityType;
            var typeDescription = type.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? throw new InvalidOperationException($"{type.Name} has no [Description]");
            model.SetDescriptionAnnotation(entityType, typeDescription);
            model.SetDescriptionAnnotation(set, typeDescription + (fact ? " Needs an analyst or admin key." : ""));
            foreach (var property in entityType.DeclaredProperties)
            {
                var description = type.GetProperty(property.Name)?.GetCustomAttribute<DescriptionAttribute>()?.Description
                    ?? throw new InvalidOperationException($"{type.Name}.{property.Name} has no [Description]");
                model.SetDescriptionAnnotation(property, description);
            }
        }
    }

    private static void AddMeasureEnumeration(EdmModel model)
    {
        var enumeration = new EdmEnumType(Namespace, "MeasureId");
        model.AddElement(enumeration);
        model.SetDescriptionAnnotation(enumeration,
            "The measures of the warehouse. MeasureValues.MeasureId and Measures.Id hold these names as strings.");
        var value = 0;
        foreach (var measure in MeasureCatalog.All)
        {
            var member = new EdmEnumMember(enumeration, measure.Id, new EdmEnumMemberValue(value++));
            enumeration.AddMember(member);
            model.SetDescriptionAnnotation(member,
                $"{measure.NameZh} ({measure.NameEn}): {measure.Definition}. Unit: {measure.Unit.ToString().ToLowerInvariant()}; " +
                $"kind: {measure.Kind.ToString().ToLowerInvariant()}; grains: {measure.Grains}.");
        }
    }

    private static EdmReference CoreReference()
    {
        var reference = new EdmReference(new Uri(CoreVocabulary));
        reference.AddInclude(new EdmInclude("Core", "Org.OData.Core.V1"));
        return reference;
    }
}
