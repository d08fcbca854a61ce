using System.Diagnostics;
using Analytics.Warehouse;

namespace Analytics.Tests.Ops;

/// <summary>deploy/'s systemd units pass systemd-analyze verify, and every service runs as the unprivileged user.</summary>
public sealed class DeployTests
{
    private static string Deploy => Path.Combine(WarehousePaths.RepositoryRoot, "deploy");

    [Fact]
    public async Task The_units_pass_systemd_analyze_verify_and_run_unprivileged()
    {
        Assert.True(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is missing: run scripts/setup-debian.sh");
        var units = Directory.GetFiles(Deploy).Where(f => f.EndsWith(".service", StringComparison.Ordinal) || f.EndsWith(".timer", StringComparison.Ordinal)).Order().ToList();
        Assert.Contains(units, u => u.EndsWith("analytics-api.service", StringComparison.Ordinal));
        Assert.Contains(units, u => u.EndsWith("analytics-load.timer", StringComparison.Ordinal));
        var start = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("verify");
        foreach (var unit in units)
            start.ArgumentList.Add(unit);
        using var verify = Process.Start(start)!;
        var output = verify.StandardOutput.ReadToEndAsync();
        var errors = verify.StandardError.ReadToEnd();
        await verify.WaitForExitAsync();
        Assert.True(verify.ExitCode == 0 && errors.Length == 0, errors + await output);

        foreach (var service in units.Where(u => u.EndsWith(".service", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(service);
            Assert.Contains("User=analytics", lines);
            Assert.Contains("EnvironmentFile=/etc/analytics/analytics.env", lines);
            Assert.Contains("NoNewPrivileges=yes", lines);
        }
        // Every timer starts a service of the same name that exists here.
        foreach (var timer in units.Where(u => u.EndsWith(".timer", StringComparison.Ordinal)))
            Assert.Contains(Path.ChangeExtension(timer, ".service"), units);
    }

    [Fact]
    public void The_environment_file_names_every_setting_the_units_use()
    {
        var settings = File.ReadAllLines(Path.Combine(Deploy, "analytics.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet();
        foreach (var service in Directory.GetFiles(Deploy, "*.service"))
        {
            foreach (System.Text.RegularExpressions.Match used in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(service), @"\$\{?(ANALYTICS_[A-Z_]+)"))
                Assert.Contains(used.Groups[1].Value, settings);
        }
    }
}
