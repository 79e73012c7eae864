using StreamCx.Host.Cli;

return await StreamCxCli.InvokeAsync(args).ConfigureAwait(false);
