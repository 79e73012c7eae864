using System.Diagnostics;

namespace StreamCx.IntegrationTests.Observability;

/// <summary><c>promtool</c> (Debian package prometheus) on the files of config/prometheus.</summary>
public class PromtoolTests
{
    private const string Promtool = "/usr/bin/promtool";

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is missing: run tests/test.sh, which installs the Debian package prometheus");
        var info = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoFiles.Root };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_scrape_configuration_passes_promtool_check_config_and_loads_the_rules()
    {
        var (code, output) = await Run("check", "config", RepoFiles.PrometheusConfig);
        Assert.True(code == 0, output);
        Assert.Contains("1 rule files found", output, StringComparison.Ordinal);
        Assert.Contains("streamcx-alerts.yml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var (code, output) = await Run("check", "rules", RepoFiles.AlertRules);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS: 9 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_pass_their_promtool_unit_tests()
    {
        var (code, output) = await Run("test", "rules", RepoFiles.AlertRuleTests);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_rejects_a_broken_rule_file_so_the_checks_above_can_fail()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, File.ReadAllText(RepoFiles.AlertRules).Replace("expr: up{job=\"streamcx\"} == 0", "expr: up{job=\"streamcx\" == 0", StringComparison.Ordinal));
        try
        {
            var (code, output) = await Run("check", "rules", broken);
            Assert.NotEqual(0, code);
            Assert.Contains("StreamCxDown", output + broken, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
