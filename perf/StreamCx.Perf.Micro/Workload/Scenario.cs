namespace StreamCx.Perf.Micro.Workload;

/// <summary>What the last hours of a warmed site-attribute look like.</summary>
public enum Scenario
{
    /// <summary>A healthy site: ratings follow their usual daily rhythm; no factor holds, no alert is open.</summary>
    Quiet,

    /// <summary>The same history, then a fall over the last four hours: factors hold and an alert is already open.</summary>
    Irritant,
}
