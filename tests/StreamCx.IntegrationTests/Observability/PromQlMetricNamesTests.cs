namespace StreamCx.IntegrationTests.Observability;

/// <summary>The name extraction the rule and dashboard checks rely on: it must find every metric and nothing else.</summary>
public class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("up{job=\"streamcx\"} == 0", "up")]
    [InlineData("histogram_quantile(0.99, sum by (instance, le) (rate(a_seconds_bucket{x=~\"$y\"}[15m]))) > 5", "a_seconds_bucket")]
    [InlineData("max by (i, t) (lag_seconds) > 600\nand on (i, t)\nmax by (i, t) (lag_offsets) > 0", "lag_seconds lag_offsets")]
    [InlineData("sum(rate(rej_total[5m])) / sum(rate(cons_total[5m])) > 0.05", "rej_total cons_total")]
    [InlineData("sum(process_working_set_bytes{instance=~\".*\"}) / 1e9", "process_working_set_bytes")]
    [InlineData("increase(snap_total[15m] offset 5m) > 0 unless bool other_metric", "snap_total other_metric")]
    [InlineData("sum by (le) (rate(x_bucket{le=\"+Inf\", a=\"sum(not_a_metric)\"}[1m]))", "x_bucket")]
    [InlineData("label_replace(m1, \"dst\", \"$1\", \"src\", \"(.*)\") * on () group_left (a) m2", "m1 m2")]
    public void Finds_exactly_the_metrics_an_expression_reads(string expression, string expected)
    {
        Assert.Equal(expected.Split(' ').ToHashSet(), PromQlMetricNames.Extract(expression).ToHashSet());
    }
}
