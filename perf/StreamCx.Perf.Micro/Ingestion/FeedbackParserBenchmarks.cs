using System.Text;
using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Ingestion;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Ingestion;

/// <summary>
/// <see cref="FeedbackParser.Parse"/> of one realistic store event (6 ratings, NPS, CSAT, a comment with accents),
/// with the catalog loaded from config/ as the replay command and the engine load it.
/// </summary>
[MemoryDiagnoser]
public class FeedbackParserBenchmarks
{
    private const string Event =
        """
        {"eventId":"evt-store-20260305-004217","occurredAt":"2026-03-05T11:47:30.318+01:00","siteId":"store-lille-centre",
        "channel":"store","touchpoint":"checkout","customerId":"cus-00482913","journeyId":"jrn-2026-03-000871",
        "nps":4,"csat":2,"ratings":{"waiting-time":1,"checkout-speed":2,"staff-courtesy":4,"cleanliness":4,
        "product-availability":3,"advice-quality":3},
        "comment":"Une seule caisse ouverte en fin de matinée, 25 minutes d'attente avec un caddie plein.","language":"fr"}
        """;

    private FeedbackParser _parser = null!;
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        _parser = new FeedbackParser(RepoFiles.Catalog(), new ParserLimits(), new FixedClock(new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero)));
        _utf8 = Encoding.UTF8.GetBytes(Event.ReplaceLineEndings(""));
        var outcome = _parser.Parse(_utf8);
        if (!outcome.IsValid) throw new InvalidOperationException($"the benchmark event is rejected: {outcome.Rejection}");
    }

    [Benchmark]
    public ParseOutcome Parse() => _parser.Parse(_utf8);
}
