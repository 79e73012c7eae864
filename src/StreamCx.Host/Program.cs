using StreamCx.Host.Cli;

return await StreamCxCli.Build(args).Parse(args).InvokeAsync().ConfigureAwait(false);
