using Analytics.Api;
using Analytics.Api.Access;

if (args is ["keys", .. var keyArgs])
    return KeysCommand.Run(keyArgs);
if (args is ["audit", .. var auditArgs])
    return Analytics.Api.Audit.AuditCommand.Run(auditArgs);
if (args is ["report", .. var reportArgs])
    return await Analytics.Api.Reports.ReportCommand.Run(reportArgs);

var builder = WebApplication.CreateBuilder(args);
builder.AddAnalyticsApi();
var app = builder.Build();
app.UseAnalyticsApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
