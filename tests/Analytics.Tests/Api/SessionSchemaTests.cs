extern alias api;

using api::Analytics.Api.Data;
using LinqToDB;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>What each request's connection is given: one mapping, built once, not one per request.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionSchemaTests(ApiFactory factory)
{
    [Fact]
    public void Requests_share_one_mapping_schema_that_still_reads_snake_case_columns()
    {
        using var first = factory.Services.CreateScope();
        using var second = factory.Services.CreateScope();
        var a = first.ServiceProvider.GetRequiredService<WarehouseSession>().Open(CancellationToken.None);
        var b = second.ServiceProvider.GetRequiredService<WarehouseSession>().Open(CancellationToken.None);
        // Combined anew for each connection, the schema and its metadata were rebuilt on every request.
        Assert.Same(a.MappingSchema, b.MappingSchema);
        // parent_code, level_en and level_rank are read through the shared schema's snake_case names.
        var township = a.GetTable<Region>().Where(r => r.LevelEn == "township").OrderBy(r => r.Code).First();
        var parent = b.GetTable<Region>().Single(r => r.Code == township.ParentCode);
        Assert.True(parent.LevelRank < township.LevelRank, $"{parent.Code} ranks {parent.LevelRank}");
    }
}
