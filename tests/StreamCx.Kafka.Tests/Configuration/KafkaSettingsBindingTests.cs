using Microsoft.Extensions.Configuration;

namespace StreamCx.Kafka.Tests.Configuration;

public sealed class KafkaSettingsBindingTests
{
    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(KafkaSettings.SectionName);

    [Fact]
    public void Configured_topics_replace_the_default_instead_of_being_appended_to_it()
    {
        var section = Section(new()
        {
            ["Kafka:BootstrapServers"] = "broker:9092",
            ["Kafka:Topics:0"] = "orders",
            ["Kafka:Topics:1"] = "returns",
            ["Kafka:GroupId"] = "g1",
            ["Kafka:Properties:api.version.request"] = "false",
            ["Kafka:Properties:broker.version.fallback"] = "0.9.0",
            ["Kafka:BufferSize"] = "64",
        });

        var created = section.Get<KafkaSettings>()!;
        var bound = new KafkaSettings();
        section.Bind(bound);

        foreach (var settings in new[] { created, bound })
        {
            Assert.Equal(["orders", "returns"], settings.Topics);
            Assert.Equal("broker:9092", settings.BootstrapServers);
            Assert.Equal("g1", settings.GroupId);
            Assert.Equal(64, settings.BufferSize);
            Assert.Equal("false", settings.Properties["api.version.request"]);
            Assert.Equal("0.9.0", settings.Properties["broker.version.fallback"]);
            Assert.Empty(settings.Validate());
        }
    }

    [Fact]
    public void Unconfigured_topics_keep_the_default()
    {
        var settings = Section(new() { ["Kafka:GroupId"] = "g1" }).Get<KafkaSettings>()!;

        Assert.Equal(["feedback"], settings.Topics);
    }

    [Fact]
    public void Adding_a_topic_in_code_replaces_the_default_too()
    {
        var settings = new KafkaSettings();
        settings.Topics.Add("orders");
        settings.Topics.Add("returns");

        Assert.Equal(["orders", "returns"], settings.Topics);
    }

    [Fact]
    public void WithBootstrapServers_copies_without_sharing_collections()
    {
        var original = new KafkaSettings { Topics = ["a"] };
        original.Properties["linger.ms"] = "5";

        var copy = original.WithBootstrapServers("127.0.0.1:1234");
        copy.Topics.Add("b");
        copy.Properties["linger.ms"] = "50";

        Assert.Null(original.BootstrapServers);
        Assert.Equal("127.0.0.1:1234", copy.BootstrapServers);
        Assert.Equal(["a"], original.Topics);
        Assert.Equal("5", original.Properties["linger.ms"]);
    }
}
