namespace StreamCx.Kafka.Tests.Configuration;

public sealed class KafkaSettingsValidationTests
{
    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        var settings = new KafkaSettings();

        Assert.Empty(settings.Validate());
        Assert.True(settings.UsesEmbeddedCluster);
        Assert.Equal(["feedback"], settings.Topics);
        Assert.Equal("streamcx", settings.GroupId);
        Assert.Equal("streamcx.alerts", settings.AlertsTopic);
        Assert.Equal("streamcx.deadletters", settings.DeadLetterTopic);
        Assert.Equal("streamcx.network", settings.NetworkTopic);
        Assert.Equal(1_048_576, settings.MaxMessageBytes);
        Assert.Equal(1024, settings.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RevokeDrainTimeout);
        Assert.Empty(settings.Properties);
    }

    [Theory]
    [InlineData(-1, "Kafka:RevokeDrainTimeout must be from 00:00:00 to 00:05:00 (was -00:00:01).")]
    [InlineData(301, "Kafka:RevokeDrainTimeout must be from 00:00:00 to 00:05:00 (was 00:05:01).")]
    public void A_revoke_drain_timeout_out_of_range_is_reported(int seconds, string expected)
    {
        var settings = new KafkaSettings { RevokeDrainTimeout = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(expected, Assert.Single(settings.Validate()));
    }

    [Fact]
    public void A_clone_keeps_the_revoke_drain_timeout()
    {
        var settings = new KafkaSettings { RevokeDrainTimeout = TimeSpan.Zero };

        Assert.Equal(TimeSpan.Zero, settings.Clone().RevokeDrainTimeout);
        Assert.Empty(settings.Validate());
    }

    [Theory]
    [InlineData("", "is empty or whitespace")]
    [InlineData("   ", "is empty or whitespace")]
    [InlineData(".", "cannot be '.' or '..'")]
    [InlineData("..", "cannot be '.' or '..'")]
    [InlineData("../etc/passwd", "contains '/'")]
    [InlineData("feedback/../../x", "contains '/'")]
    [InlineData("flüx", "contains U+00FC")]
    [InlineData("日本語", "contains U+65E5")]
    [InlineData("two words", "contains U+0020")]
    [InlineData("semi;colon", "contains ';'")]
    [InlineData("new\nline", "contains U+000A")]
    [InlineData("right-to-left\u202Eevil", "contains U+202E")]
    public void Illegal_input_topic_names_are_reported_with_the_reason(string topic, string reason)
    {
        var settings = new KafkaSettings { Topics = [topic] };

        var error = Assert.Single(settings.Validate());

        Assert.StartsWith("Kafka:Topics[0] ", error, StringComparison.Ordinal);
        Assert.Contains("is not a legal Kafka topic name", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\u202E', error);
    }

    [Fact]
    public void A_300_character_topic_is_too_long_and_the_message_stays_short()
    {
        var settings = new KafkaSettings { Topics = [new string('a', 300)] };

        var error = Assert.Single(settings.Validate());

        Assert.Contains("is 300 characters long; Kafka allows at most 249", error, StringComparison.Ordinal);
        Assert.True(error.Length < 250, $"error message should not echo the whole value: {error}");
    }

    [Fact]
    public void A_249_character_topic_of_legal_characters_is_accepted()
    {
        var settings = new KafkaSettings { Topics = [new string('a', 240) + "._-AZaz09"] };

        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void No_topics_and_null_topics_are_reported()
    {
        Assert.Contains("Kafka:Topics must list at least one input topic.", new KafkaSettings { Topics = [] }.Validate());
        Assert.Contains("Kafka:Topics must list at least one input topic.", new KafkaSettings { Topics = null! }.Validate());
    }

    [Fact]
    public void A_topic_listed_twice_is_reported()
    {
        var error = Assert.Single(new KafkaSettings { Topics = ["a", "b", "a"] }.Validate());

        Assert.Equal("Kafka:Topics[2] \"a\" is listed more than once.", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData(null)]
    public void A_blank_group_is_reported(string? group)
    {
        var error = Assert.Single(new KafkaSettings { GroupId = group! }.Validate());

        Assert.StartsWith("Kafka:GroupId must not be empty or whitespace", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1024, "Kafka:MaxMessageBytes must be positive (was -1).")]
    [InlineData(0, 1024, "Kafka:MaxMessageBytes must be positive (was 0).")]
    [InlineData(int.MinValue, 1024, "Kafka:MaxMessageBytes must be positive (was -2147483648).")]
    [InlineData(int.MaxValue, 1024, "Kafka:MaxMessageBytes must be at most 104857600 (was 2147483647).")]
    [InlineData(1_048_576, -5, "Kafka:BufferSize must be positive (was -5).")]
    [InlineData(1_048_576, 0, "Kafka:BufferSize must be positive (was 0).")]
    [InlineData(1_048_576, 2_000_000, "Kafka:BufferSize must be at most 1000000 (was 2000000).")]
    public void Out_of_range_sizes_are_reported(int maxMessageBytes, int bufferSize, string expected)
    {
        var settings = new KafkaSettings { MaxMessageBytes = maxMessageBytes, BufferSize = bufferSize };

        Assert.Equal([expected], settings.Validate());
    }

    [Fact]
    public void Output_topics_must_not_be_input_topics_nor_equal()
    {
        var settings = new KafkaSettings
        {
            Topics = ["feedback", "orders"],
            AlertsTopic = "orders",
            DeadLetterTopic = "feedback",
        };

        var errors = settings.Validate();

        Assert.Contains("Kafka:AlertsTopic \"orders\" is also an input topic in Kafka:Topics; the engine would consume its own output.", errors);
        Assert.Contains("Kafka:DeadLetterTopic \"feedback\" is also an input topic in Kafka:Topics; the engine would consume its own output.", errors);

        var same = new KafkaSettings { AlertsTopic = "out", DeadLetterTopic = "out" }.Validate();
        Assert.Equal(["Kafka:AlertsTopic and Kafka:DeadLetterTopic must differ (both are \"out\")."], same);
    }

    [Fact]
    public void Illegal_output_topics_are_reported()
    {
        var errors = new KafkaSettings { AlertsTopic = "", DeadLetterTopic = "../dead" }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Kafka:AlertsTopic \"\" is not a legal Kafka topic name: it is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Kafka:DeadLetterTopic \"../dead\" is not a legal Kafka topic name: it contains '/'", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_property_keys_and_typed_properties_are_reported()
    {
        var settings = new KafkaSettings();
        settings.Properties[" "] = "x";
        settings.Properties["group.id"] = "other";
        settings.Properties["bootstrap.servers"] = "elsewhere:9092";
        settings.Properties["session.timeout.ms"] = null!;

        var errors = settings.Validate();

        Assert.Contains("Kafka:Properties has an invalid key \" \": librdkafka property names have no spaces.", errors);
        Assert.Contains("Kafka:Properties[\"group.id\"] is not allowed: set Kafka:GroupId instead.", errors);
        Assert.Contains("Kafka:Properties[\"bootstrap.servers\"] is not allowed: set Kafka:BootstrapServers instead.", errors);
        Assert.Contains("Kafka:Properties[\"session.timeout.ms\"] has no value.", errors);
    }

    [Theory]
    [InlineData("a:9092,,b:9092")]
    [InlineData("a:9092, bad host:9092")]
    public void Malformed_bootstrap_servers_are_reported(string servers)
    {
        var error = Assert.Single(new KafkaSettings { BootstrapServers = servers }.Validate());

        Assert.StartsWith("Kafka:BootstrapServers entry 2 of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_ThrowIfInvalid_lists_them()
    {
        var settings = new KafkaSettings
        {
            Topics = ["ok", "../bad"],
            GroupId = " ",
            MaxMessageBytes = -1,
            BufferSize = -1,
        };

        Assert.Equal(4, settings.Validate().Count);
        var thrown = Assert.Throws<KafkaConfigurationException>(() => KafkaConfigurationException.ThrowIfInvalid(settings));
        Assert.Contains("Kafka:Topics[1] \"../bad\"", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:GroupId", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:MaxMessageBytes must be positive (was -1).", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:BufferSize must be positive (was -1).", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two words", "Kafka:NetworkTopic \"two words\" (by default Kafka:GroupId + \".network\") is not a legal Kafka topic name: it contains U+0020;")]
    [InlineData("streamcx.alerts", "Kafka:NetworkTopic must differ from the alerts, dead-letter and region topics (it is \"streamcx.alerts\").")]
    [InlineData("streamcx.regions", "Kafka:NetworkTopic must differ from the alerts, dead-letter and region topics (it is \"streamcx.regions\").")]
    public void A_network_topic_that_is_not_legal_or_is_another_topic_is_reported(string topic, string expected)
    {
        var settings = new KafkaSettings { NetworkTopic = topic };

        Assert.StartsWith(expected, Assert.Single(settings.Validate()));
    }

    [Fact]
    public void The_network_topics_reader_is_a_group_of_its_own_on_that_topic_alone()
    {
        var reader = new KafkaSettings { GroupId = "cx", Topics = ["a", "b"] }.ForNetworkTopic();

        Assert.Equal(["cx.network"], reader.Topics);
        Assert.Equal("cx.network", reader.GroupId);
        Assert.Equal("cx.network", reader.NetworkTopic);
        Assert.Equal("cx.regions", reader.RegionTopic);
        Assert.Empty(reader.Validate());
    }
}
