using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>The sample events shipped in config/samples stay consistent with the parser and the reference data.</summary>
public sealed class SampleEventFileTests
{
    private static FeedbackParser RepoParser() => new(
        ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json")),
        new ParserLimits(),
        new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static string[] Lines(string file)
    {
        var path = Path.Combine(RepoPaths.Root, "config", "samples", file);
        Assert.True(File.Exists(path), $"{path} is missing");
        return File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
    }

    [Fact]
    public void Every_sample_feedback_event_is_valid()
    {
        var parser = RepoParser();
        var lines = Lines("feedback-events.jsonl");

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var outcome = parser.Parse(FeedbackJson.Bytes(line));
            Assert.True(outcome.IsValid, $"{outcome.Rejection}: {line}");
        });
    }

    [Fact]
    public void Every_sample_journey_message_is_valid_and_none_is_flagged_against_the_department_catalog()
    {
        var parser = new FeedbackParser(
            ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), RepoPaths.Config("departments.json")),
            new ParserLimits(),
            new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var lines = Lines("journey-events.jsonl");

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var outcome = parser.Parse(FeedbackJson.Bytes(line));
            Assert.True(outcome.IsValid, $"{outcome.Rejection}: {line}");
            var flags = outcome.Event?.Flags ?? (outcome.Signal as Contracts.JourneyStep)?.Flags ?? Contracts.CatalogFlags.None;
            Assert.Equal(Contracts.CatalogFlags.None, flags);
        });
    }

    [Fact]
    public void Every_sample_listening_message_is_valid_and_none_is_uncatalogued_against_the_shipped_catalogs()
    {
        var parser = new FeedbackParser(
            ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"), listening: new ListeningFiles(
                RepoPaths.Config("complaint-reasons.json"), RepoPaths.Config("incident-types.json"), RepoPaths.Config("reporter-roles.json"), RepoPaths.Config("platforms.json"))),
            new ParserLimits(),
            new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var lines = Lines("listening-events.jsonl");
        var outcomes = lines.Select(line => (Line: line, Outcome: parser.Parse(FeedbackJson.Bytes(line)))).ToArray();

        Assert.All(outcomes, o => Assert.True(o.Outcome.IsValid, $"{o.Outcome.Rejection}: {o.Line}"));
        Assert.All(outcomes, o => Assert.Equal(Contracts.CatalogFlags.None, o.Outcome.Listening?.Flags ?? Contracts.CatalogFlags.None));
        Assert.Equal(Contracts.ListeningTypes.All, outcomes.Select(o => o.Outcome.Listening?.Type).OfType<string>().Distinct());
    }

    [Fact]
    public void Every_sample_bad_event_is_rejected()
    {
        var parser = RepoParser();
        var lines = Lines("bad-events.jsonl");

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.False(parser.Parse(FeedbackJson.Bytes(line)).IsValid, $"accepted: {line}"));
    }
}
