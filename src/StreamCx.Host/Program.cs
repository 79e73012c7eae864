using StreamCx.Host.Cli;

return await StreamCxCli.Build(args).Parse(args).InvokeAsync(StreamCxCli.Invocation).ConfigureAwait(false);
