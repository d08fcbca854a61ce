using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Analytics.Api.OData;

/// <summary>
/// Turns <see cref="EntitySets"/> into controllers: one <see cref="EntitySetController{T}"/> per set, named after
/// it, with the routes <c>odata/Set</c>, <c>odata/Set/$count</c> and <c>odata/Set(key)</c> and the set's policy.
/// It also makes the service document and $metadata list only the sets the asking key may read, so Power BI's
/// navigator does not offer a viewer sets that would answer 403.
/// </summary>
public sealed class EntitySetRoutes : IApplicationFeatureProvider<ControllerFeature>, IApplicationModelProvider
{
    // After the default provider has built the controllers (-1000), before OData reads their routes (its Executed step).
    public int Order => -990;

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        foreach (var set in EntitySets.All)
            feature.Controllers.Add(typeof(EntitySetController<>).MakeGenericType(set.Type).GetTypeInfo());
    }

    public void OnProvidersExecuting(ApplicationModelProviderContext context)
    {
        foreach (var controller in context.Result.Controllers)
        {
            if (controller.ControllerType == typeof(MetadataController))
                controller.Filters.Add(new ModelOfTheKey());
            if (!controller.ControllerType.IsGenericType || controller.ControllerType.GetGenericTypeDefinition() != typeof(EntitySetController<>))
                continue;
            var set = EntitySets.All.Single(s => s.Type == controller.ControllerType.GenericTypeArguments[0]);
            controller.ControllerName = set.Name;
            foreach (var action in controller.Actions)
            {
                string[] templates = action.ActionName switch
                {
                    nameof(EntitySetController<object>.Get) => [$"odata/{set.Name}", $"odata/{set.Name}/$count"],
                    nameof(EntitySetController<object>.GetByKey) => [$"odata/{set.KeyTemplate}"],
                    _ => throw new InvalidOperationException($"{action.ActionName} of {set.Name} has no route"),
                };
                action.Selectors.Clear();
                foreach (var template in templates)
                    action.Selectors.Add(Get(template));
            }
        }
    }

    /// <summary>
    /// The set's policy on every route, added after OData has rebuilt the selectors from the templates (it keeps only
    /// its own metadata), so the authorization middleware answers 403 before the action runs.
    /// </summary>
    public void OnProvidersExecuted(ApplicationModelProviderContext context)
    {
        foreach (var controller in context.Result.Controllers)
        {
            if (!controller.ControllerType.IsGenericType || controller.ControllerType.GetGenericTypeDefinition() != typeof(EntitySetController<>))
                continue;
            var set = EntitySets.All.Single(s => s.Type == controller.ControllerType.GenericTypeArguments[0]);
            foreach (var selector in controller.Actions.SelectMany(a => a.Selectors))
                selector.EndpointMetadata.Add(new AuthorizeAttribute(set.Policy));
        }
    }

    private static SelectorModel Get(string template)
    {
        var selector = new SelectorModel { AttributeRouteModel = new AttributeRouteModel(new Microsoft.AspNetCore.Mvc.RouteAttribute(template)) };
        selector.ActionConstraints.Add(new HttpMethodActionConstraint(["GET"]));
        selector.EndpointMetadata.Add(new HttpMethodMetadata(["GET"]));
        return selector;
    }

    /// <summary>The model the service document and $metadata describe: the one of the asking key's role.</summary>
    private sealed class ModelOfTheKey : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context) =>
            context.HttpContext.ODataFeature().Model = EdmModelFactory.For(context.HttpContext.User);

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}

public static class ODataFeed
{
    /// <summary>The OData feed: controllers from <see cref="EntitySets"/>, the model, the query features and kept answers.</summary>
    public static IServiceCollection AddODataFeed(this IServiceCollection services, QueryLimits limits)
    {
        services.AddSingleton<FeedAnswers>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApplicationModelProvider, EntitySetRoutes>());
        services.AddControllers(o => o.Filters.Add<ODataErrorFilter>())
            .ConfigureApplicationPartManager(m => m.FeatureProviders.Add(new EntitySetRoutes()))
            .AddOData(o => o.EnableQueryFeatures(limits.MaxTop).AddRouteComponents("odata", EdmModelFactory.Full));
        return services;
    }
}
