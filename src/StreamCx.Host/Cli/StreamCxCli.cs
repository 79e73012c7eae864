using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using StreamCx.Host.Configuration;
using StreamCx.Host.Replay;
using StreamCx.Host.Run;

namespace StreamCx.Host.Cli;

/// <summary>The command line: <c>run</c> (default) and <c>replay</c>. Exit codes: 0 ok, 2 bad arguments or configuration.</summary>
public static class StreamCxCli
{
    public const int BadInput = 2;

    /// <summary>
    /// How the command line is invoked: SIGTERM / Ctrl+C are left to the web host, which stops the engine
    /// gracefully (System.CommandLine's own handling would end the process after two seconds).
    /// </summary>
    public static InvocationConfiguration Invocation => new() { ProcessTerminationTimeout = null };

    /// <summary>
    /// Parses and runs the command line. A parse error (a missing or unknown option, a value of the wrong type) is
    /// printed with the usage, as System.CommandLine does, and exits with <see cref="BadInput"/> like any other bad
    /// argument (System.CommandLine's own code for it is 1).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build(args).Parse(args);
        var code = await parse.InvokeAsync(Invocation).ConfigureAwait(false);
        return parse.Action is ParseErrorAction ? BadInput : code;
    }

    public static RootCommand Build(string[] rawArgs)
    {
        var sites = new Option<FileInfo?>("--sites") { Description = "Site registry JSON file (ReferenceData:SitesFile)" };
        var attributes = new Option<FileInfo?>("--attributes") { Description = "Attribute catalog JSON file (ReferenceData:AttributesFile)" };
        var set = new Option<string[]>("--set") { Description = "Configuration override KEY=VALUE, e.g. --set Kafka:BootstrapServers=host:9092 (repeatable)", AllowMultipleArgumentsPerToken = false };

        var run = new Command("run", "Run the engine: consume Kafka (or the embedded demo), raise alerts, serve health endpoints") { sites, attributes, set };
        run.SetAction((parse, ct) => Guard(async () =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            Apply(builder.Configuration, parse.GetValue(sites), parse.GetValue(attributes), parse.GetValue(set));
            return await RunCommand.RunAsync(builder, ct).ConfigureAwait(false);
        }));

        var input = new Option<FileInfo>("--input") { Description = "Feedback events, one JSON object per line", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the alert emissions, one JSON object per line", Required = true };
        var replay = new Command("replay", "Process a file of feedback events in event-time order and write every alert emission") { input, output, sites, attributes, set };
        replay.SetAction((parse, _) => Guard(() =>
        {
            var inputFile = parse.GetValue(input)!;
            if (!inputFile.Exists) throw new ConfigurationException([$"--input: file '{inputFile.FullName}' does not exist"]);
            var outputFile = parse.GetValue(output)!;
            if (outputFile.Directory is { Exists: false } dir) throw new ConfigurationException([$"--output: folder '{dir.FullName}' does not exist"]);
            var configuration = new ConfigurationManager();
            configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
            Apply(configuration, parse.GetValue(sites), parse.GetValue(attributes), parse.GetValue(set));
            var config = StreamCxConfiguration.Load(configuration);
            return Task.FromResult(ReplayCommand.Run(config, inputFile.FullName, outputFile.FullName, Console.Out, TimeProvider.System));
        }));

        var root = new RootCommand("StreamCx: real-time customer-experience feedback → explained alerts") { run, replay, sites, attributes, set };
        root.SetAction((parse, ct) => run.Parse(rawArgs.Prepend("run").ToArray()).InvokeAsync(Invocation, ct));
        return root;
    }

    private static void Apply(IConfigurationBuilder configuration, FileInfo? sites, FileInfo? attributes, string[]? overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in overrides ?? [])
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ConfigurationException([$"--set '{item}': expected KEY=VALUE"]);
            values[item[..eq].Trim()] = item[(eq + 1)..];
        }
        if (sites is not null) values["ReferenceData:SitesFile"] = sites.FullName;
        if (attributes is not null) values["ReferenceData:AttributesFile"] = attributes.FullName;
        configuration.AddInMemoryCollection(values);
    }

    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"streamcx: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
    }
}
