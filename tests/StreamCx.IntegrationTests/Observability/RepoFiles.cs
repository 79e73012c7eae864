namespace StreamCx.IntegrationTests.Observability;

/// <summary>Files of the repository the tests check (config/prometheus, config/grafana).</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PrometheusConfig => Path.Combine(Root, "config", "prometheus", "prometheus.yml");

    public static string AlertRules => Path.Combine(Root, "config", "prometheus", "rules", "streamcx-alerts.yml");

    public static string AlertRuleTests => Path.Combine(Root, "config", "prometheus", "tests", "streamcx-alerts.test.yml");

    public static string Dashboard => Path.Combine(Root, "config", "grafana", "dashboards", "streamcx.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamCx.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds StreamCx.sln");
    }
}
