namespace StreamCx.Kafka;

/// <summary>Kafka settings or librdkafka properties that cannot be used.</summary>
public sealed class KafkaConfigurationException : Exception
{
    public KafkaConfigurationException()
    {
    }

    public KafkaConfigurationException(string message)
        : base(message)
    {
    }

    public KafkaConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KafkaConfigurationException(string message, string? propertyKey, Exception? innerException)
        : base(message, innerException)
    {
        PropertyKey = propertyKey;
    }

    /// <summary>The <c>Kafka:Properties</c> key librdkafka rejected, when it could be identified.</summary>
    public string? PropertyKey { get; }

    /// <summary>Throws when <see cref="KafkaSettings.Validate"/> reports problems.</summary>
    public static void ThrowIfInvalid(KafkaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new KafkaConfigurationException(
                $"Invalid Kafka settings:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}");
        }
    }
}
