using System.ComponentModel;
using System.Reflection;
using Analytics.Api.Access;
using Analytics.Api.Data;
using Analytics.Warehouse.Measures;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.ModelBuilder;

namespace Analytics.Api.OData;

/// <summary>
/// The OData model: the entity sets of <see cref="EntitySets"/> over the warehouse tables, each type and property
/// described (Core.Description) from its [Description], and the Forecast function. Two models: every set, and the
/// aggregate sets only, which is what a key that may not read facts sees in the service document and $metadata.
/// </summary>
public static class EdmModelFactory
{
    public const string Namespace = "Analytics";
    private const string CoreVocabulary = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml";

    private static readonly Lazy<IEdmModel> Everything = new(() => Create(EntitySets.All));
    private static readonly Lazy<IEdmModel> AggregatesOnly = new(() => Create(EntitySets.All.Where(s => !s.Facts)));

    /// <summary>The model the routes are built on: every set.</summary>
    public static IEdmModel Full => Everything.Value;

    /// <summary>The model a key sees listed: without the fact sets unless it may read them.</summary>
    public static IEdmModel For(System.Security.Claims.ClaimsPrincipal user) =>
        Roles.ReadsFacts(user) ? Everything.Value : AggregatesOnly.Value;

    public static IEdmModel Create(IEnumerable<EntitySet> sets)
    {
        var included = sets.ToList();
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Warehouse" };
        foreach (var set in included)
        {
            var entityType = builder.AddEntityType(set.Type);
            entityType.Name = set.TypeName;
            foreach (var key in set.Key)
                entityType.HasKey(key);
            builder.AddEntitySet(set.Name, entityType);
        }
        Forecasts.ForecastOData.AddTo(builder);
        Impact.ImpactOData.AddTo(builder);
        // A function import with parameters cannot be listed in the service document (OData CSDL 13.6.3): clients
        // would call it without them. Microsoft.OData.Edm's validation reports it as an error.
        foreach (var function in builder.Operations.OfType<FunctionConfiguration>())
            function.IncludeInServiceDocument = false;
        foreach (var type in builder.StructuralTypes)
            type.Namespace = Namespace;

        var model = (EdmModel)builder.GetEdmModel();
        Describe(model, included);
        Forecasts.ForecastOData.Describe(model, Namespace);
        Impact.ImpactOData.Describe(model, Namespace);
        model.SetEdmReferences([CoreReference()]);
        return model;
    }

    private static void Describe(EdmModel model, IEnumerable<EntitySet> sets)
    {
        foreach (var set in sets)
        {
            var type = set.Type;
            var entityType = (IEdmEntityType)model.FindDeclaredType($"{Namespace}.{set.TypeName}")!;
            var typeDescription = type.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? throw new InvalidOperationException($"{type.Name} has no [Description]");
            model.SetDescriptionAnnotation(entityType, typeDescription);
            var entitySet = model.EntityContainer.FindEntitySet(set.Name);
            model.SetDescriptionAnnotation(entitySet, typeDescription + (set.Facts ? " Needs an analyst or admin key." : ""));
            foreach (var property in entityType.DeclaredProperties)
            {
                var description = type.GetProperty(property.Name)?.GetCustomAttribute<DescriptionAttribute>()?.Description
                    ?? throw new InvalidOperationException($"{type.Name}.{property.Name} has no [Description]");
                model.SetDescriptionAnnotation(property, description + MeasureIds(type, property.Name));
            }
        }
    }

    /// <summary>
    /// A measure id is a plain string (filter with <c>MeasureId eq 'hotline_tickets'</c>); its description lists the
    /// ids, and the Measures set defines each. An enumeration type was tried: clients' enum literals did not filter.
    /// </summary>
    private static string MeasureIds(Type type, string property) =>
        property == nameof(MeasureValue.MeasureId) && type == typeof(MeasureValue)
            ? " One of: " + string.Join(", ", MeasureCatalog.All.Select(m => m.Id)) + "."
            : "";

    private static EdmReference CoreReference()
    {
        var reference = new EdmReference(new Uri(CoreVocabulary));
        reference.AddInclude(new EdmInclude("Core", "Org.OData.Core.V1"));
        return reference;
    }
}
