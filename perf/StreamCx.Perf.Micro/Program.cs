using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using StreamCx.Perf.Micro.Workload;

// Micro-benchmarks of the pure hot paths of StreamCx.Domain. Run in Release, never under a debugger:
//   dotnet run -c Release --project perf/StreamCx.Perf.Micro -- --filter '*'
// Reports go to perf/BenchmarkDotNet.Artifacts/ (git-ignored) unless --artifacts says otherwise.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(RepoFiles.Root, "perf", "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(RepoFiles).Assembly).Run(args, config);
