namespace StreamCx.Kafka;

/// <summary>The checks behind <see cref="KafkaSettings.Validate"/>.</summary>
internal static class KafkaSettingsValidator
{
    /// <summary>Upper bound for <see cref="KafkaSettings.MaxMessageBytes"/> (librdkafka fetch sizes derive from it).</summary>
    public const int MaxMessageBytesLimit = 100 * 1024 * 1024;

    /// <summary>Upper bound for <see cref="KafkaSettings.BufferSize"/>.</summary>
    public const int BufferSizeLimit = 1_000_000;

    /// <summary>Upper bound for <see cref="KafkaSettings.RevokeDrainTimeout"/>.</summary>
    public static readonly TimeSpan MaxRevokeDrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Properties that have a typed setting of their own.</summary>
    private static readonly Dictionary<string, string> TypedProperties = new(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = "Kafka:BootstrapServers",
        ["metadata.broker.list"] = "Kafka:BootstrapServers",
        ["group.id"] = "Kafka:GroupId",
    };

    public static IReadOnlyList<string> Validate(KafkaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        ValidateBootstrapServers(settings.BootstrapServers, errors);
        ValidateInputTopics(settings.Topics, errors);
        if (string.IsNullOrWhiteSpace(settings.GroupId))
        {
            errors.Add($"Kafka:GroupId must not be empty or whitespace (was {DisplayText.Quote(settings.GroupId)}).");
        }

        ValidateOutputTopic("Kafka:AlertsTopic", settings.AlertsTopic, settings.Topics, errors);
        ValidateOutputTopic("Kafka:DeadLetterTopic", settings.DeadLetterTopic, settings.Topics, errors);
        if (!string.IsNullOrWhiteSpace(settings.GroupId) && KafkaTopicName.Problem(settings.RegionTopic) is { } regionProblem)
            errors.Add($"Kafka:RegionTopic {DisplayText.Quote(settings.RegionTopic)} (by default Kafka:GroupId + \".regions\") is not a legal Kafka topic name: it {regionProblem}.");
        if (new[] { settings.AlertsTopic, settings.DeadLetterTopic }.Contains(settings.RegionTopic, StringComparer.Ordinal))
            errors.Add($"Kafka:RegionTopic must differ from the alerts and dead-letter topics (it is {DisplayText.Quote(settings.RegionTopic)}).");
        if (!string.IsNullOrWhiteSpace(settings.GroupId) && KafkaTopicName.Problem(settings.NetworkTopic) is { } networkProblem)
            errors.Add($"Kafka:NetworkTopic {DisplayText.Quote(settings.NetworkTopic)} (by default Kafka:GroupId + \".network\") is not a legal Kafka topic name: it {networkProblem}.");
        if (new[] { settings.AlertsTopic, settings.DeadLetterTopic, settings.RegionTopic }.Contains(settings.NetworkTopic, StringComparer.Ordinal))
            errors.Add($"Kafka:NetworkTopic must differ from the alerts, dead-letter and region topics (it is {DisplayText.Quote(settings.NetworkTopic)}).");
        if (!string.IsNullOrWhiteSpace(settings.AlertsTopic)
            && string.Equals(settings.AlertsTopic, settings.DeadLetterTopic, StringComparison.Ordinal))
        {
            errors.Add($"Kafka:AlertsTopic and Kafka:DeadLetterTopic must differ (both are {DisplayText.Quote(settings.AlertsTopic)}).");
        }

        ValidateRange("Kafka:MaxMessageBytes", settings.MaxMessageBytes, MaxMessageBytesLimit, errors);
        ValidateRange("Kafka:BufferSize", settings.BufferSize, BufferSizeLimit, errors);
        if (settings.RevokeDrainTimeout < TimeSpan.Zero || settings.RevokeDrainTimeout > MaxRevokeDrainTimeout)
        {
            errors.Add($"Kafka:RevokeDrainTimeout must be from 00:00:00 to {MaxRevokeDrainTimeout:c} (was {settings.RevokeDrainTimeout:c}).");
        }

        ValidateProperties(settings.Properties, errors);
        return errors;
    }

    private static void ValidateBootstrapServers(string? servers, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            return; // embedded mock cluster
        }

        var entries = servers.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0 || entry.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors.Add($"Kafka:BootstrapServers entry {i + 1} of {DisplayText.Quote(servers)} must be a host:port without spaces (was {DisplayText.Quote(entry)}).");
            }
        }
    }

    private static void ValidateInputTopics(IList<string>? topics, List<string> errors)
    {
        if (topics is null || topics.Count == 0)
        {
            errors.Add("Kafka:Topics must list at least one input topic.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            var problem = KafkaTopicName.Problem(topic);
            if (problem is not null)
            {
                errors.Add($"Kafka:Topics[{i}] {DisplayText.Quote(topic)} is not a legal Kafka topic name: it {problem}.");
            }
            else if (!seen.Add(topic))
            {
                errors.Add($"Kafka:Topics[{i}] {DisplayText.Quote(topic)} is listed more than once.");
            }
        }
    }

    private static void ValidateOutputTopic(string setting, string? topic, IList<string>? inputs, List<string> errors)
    {
        var problem = KafkaTopicName.Problem(topic);
        if (problem is not null)
        {
            errors.Add($"{setting} {DisplayText.Quote(topic)} is not a legal Kafka topic name: it {problem}.");
        }
        else if (inputs is not null && inputs.Contains(topic!, StringComparer.Ordinal))
        {
            errors.Add($"{setting} {DisplayText.Quote(topic)} is also an input topic in Kafka:Topics; the engine would consume its own output.");
        }
    }

    private static void ValidateRange(string setting, int value, int limit, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{setting} must be positive (was {value}).");
        }
        else if (value > limit)
        {
            errors.Add($"{setting} must be at most {limit} (was {value}).");
        }
    }

    private static void ValidateProperties(Dictionary<string, string>? properties, List<string> errors)
    {
        if (properties is null)
        {
            errors.Add("Kafka:Properties must not be null (leave it out for none).");
            return;
        }

        foreach (var (key, value) in properties)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors.Add($"Kafka:Properties has an invalid key {DisplayText.Quote(key)}: librdkafka property names have no spaces.");
            }
            else if (TypedProperties.TryGetValue(key, out var typed))
            {
                errors.Add($"Kafka:Properties[\"{key}\"] is not allowed: set {typed} instead.");
            }
            else if (value is null)
            {
                errors.Add($"Kafka:Properties[{DisplayText.Quote(key)}] has no value.");
            }
        }
    }
}
