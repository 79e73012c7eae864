// The engines these tests start are whole processes with their own thread pools: running the test classes
// one after another keeps their timings meaningful on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
