using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>A region restored whole starts from its snapshots alone: what the processor knew of it before is dropped.</summary>
public sealed class ForgetRegionTests
{
    private static readonly ReferenceCatalog Catalog = new(
        [new Site("a1", "A1", "north"), new Site("a2", "A2", "north"), new Site("b1", "B1", "south")],
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private static FeedbackEvent Event(string id, string site, double hours) =>
        new(id, new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).AddHours(hours), site, "store", new Dictionary<string, double> { ["waiting-time"] = 4 }) { Nps = 9 };

    [Fact]
    public void Forgetting_a_region_drops_its_board_and_views_and_keeps_the_other_regions()
    {
        var processor = new FeedbackProcessor(Catalog, new DetectionSettings(), new FakeTimeProvider());
        for (var i = 0; i < 8; i++)
        {
            processor.Process(Event($"n{i}", i % 2 == 0 ? "a1" : "a2", i * 0.5));
            processor.Process(Event($"s{i}", "b1", i * 0.5));
        }
        var south = processor.Region("south");
        Assert.NotEqual(RegionView.Empty.Bucket, processor.Region("north").CurrentView.Bucket);

        processor.Forget("a1");
        processor.Forget("a2");
        processor.ForgetRegion("north");

        Assert.Equal(RegionView.Empty.Bucket, processor.Region("north").CurrentView.Bucket); // a new board, no view taken
        Assert.Empty(processor.Region("north").PeersOf("a1", "waiting-time"));
        Assert.Same(south, processor.Region("south"));
    }
}
