using StreamCx.Domain.Live;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Durability;

namespace StreamCx.Engine.Tests.AlertLog;

/// <summary>The shared alert log on SQLite (the embedded state store); PostgreSQL is exercised by the integration tests.</summary>
public sealed class SqlAlertLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("streamcx-alert-log-").FullName;

    private SnapshotSettings Shared => new() { Provider = "sqlite", ConnectionString = Path.Combine(_folder, "state.db") };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Entries_are_numbered_in_the_order_written_and_read_after_an_id_in_that_order()
    {
        await using var log = SqlAlertLog.For(Shared);
        var a = await log.AppendAsync(LiveEventTypes.Alert, "alr-1#1", "{\"n\":1}", CancellationToken.None);
        var b = await log.AppendAsync(LiveEventTypes.Acknowledged, "ack-1", "{\"n\":2}", CancellationToken.None);
        var c = await log.AppendAsync(LiveEventTypes.Alert, "alr-1#2", "{\"n\":3}", CancellationToken.None);

        Assert.True(a < b && b < c);
        Assert.Equal([b!.Value, c!.Value], (await log.ReadAfterAsync(a!.Value, 10, CancellationToken.None)).Select(e => e.Id));
        var all = await log.ReadAfterAsync(0, 2, CancellationToken.None);
        Assert.Equal([(a.Value, LiveEventTypes.Alert, "{\"n\":1}"), (b.Value, LiveEventTypes.Acknowledged, "{\"n\":2}")], all.Select(e => (e.Id, e.Kind, e.Data)));
    }

    [Fact]
    public async Task An_entry_whose_key_was_written_already_is_not_written_again()
    {
        await using var log = SqlAlertLog.For(Shared);
        await log.AppendAsync(LiveEventTypes.Alert, "alr-1#1", "{\"first\":true}", CancellationToken.None);

        Assert.Null(await log.AppendAsync(LiveEventTypes.Alert, "alr-1#1", "{\"again\":true}", CancellationToken.None));
        Assert.Equal(["{\"first\":true}"], (await log.ReadAfterAsync(0, 10, CancellationToken.None)).Select(e => e.Data));
    }

    [Fact]
    public async Task Two_engines_on_one_state_store_read_each_others_entries_in_one_order()
    {
        await using var one = SqlAlertLog.For(Shared);
        await using var two = SqlAlertLog.For(Shared);
        var writes = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? one : two).AppendAsync(LiveEventTypes.Alert, $"alr-{i}#1", $"{i}", CancellationToken.None));
        await Task.WhenAll(writes);

        var seenByOne = await one.ReadAfterAsync(0, 100, CancellationToken.None);
        var seenByTwo = await two.ReadAfterAsync(0, 100, CancellationToken.None);
        Assert.Equal(40, seenByOne.Count);
        Assert.Equal(seenByOne, seenByTwo);
    }

    [Fact]
    public async Task Without_a_state_store_the_log_lives_in_memory_for_this_engine_only()
    {
        var off = new SnapshotSettings { Enabled = false };
        await using var mine = SqlAlertLog.For(off);
        await using var other = SqlAlertLog.For(off);
        await mine.AppendAsync(LiveEventTypes.Alert, "alr-1#1", "{}", CancellationToken.None);

        Assert.Single(await mine.ReadAfterAsync(0, 10, CancellationToken.None));
        Assert.Empty(await other.ReadAfterAsync(0, 10, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
