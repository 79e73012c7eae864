using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>The budget of an open journey: at most 1 KB for a few steps (1 M open journeys in 1 GiB).</summary>
public sealed class JourneyMemoryTests
{
    [Fact]
    public void Open_journeys_of_four_contacts_take_less_than_1_KB_each()
    {
        const int journeys = 20_000;
        string[] departments = ["support", "field-service"];
        var book = new JourneyBook(TestCatalog.Create(), new JourneySettings(), new FakeTimeProvider(Start));
        var alerts = new List<Alert>();

        // allocations of this thread while the journeys are built: an upper bound of what they keep (garbage included),
        // the messages themselves excepted (made before each is counted, as the parser would)
        long counted = 0;
        for (var i = 0; i < journeys; i++)
        {
            for (var k = 0; k < 4; k++)
            {
                var e = Contact($"c{i}-{k}", $"jrn-2026-{i:D8}", Start.AddHours(k), departments[k % 2], 3, customerId: $"cus-{i:D8}");
                var before = GC.GetAllocatedBytesForCurrentThread();
                book.Apply(e, 5, alerts);
                counted += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        // the journey id and customer id strings the journey keeps (made with the messages above)
        var ids = (long)journeys * (2 * (22 + (2 * 17)));

        Assert.Equal(journeys, book.Count);
        Assert.Empty(alerts);
        Assert.InRange((counted + ids) / journeys, 0, 1024);
    }
}
