using System.Text.RegularExpressions;

namespace StreamCx.Kafka;

/// <summary>
/// Runs a Confluent.Kafka <c>Build()</c> and turns librdkafka's configuration errors (thrown as
/// <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>, e.g.
/// <c>No such configuration property: "x"</c>) into a <see cref="KafkaConfigurationException"/>
/// that names the offending <c>Kafka:Properties</c> key.
/// </summary>
internal static partial class KafkaClientBuilder
{
    public static T Build<T>(string clientKind, KafkaSettings settings, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Confluent.Kafka.KafkaException)
        {
            var quoted = QuotedName().Match(e.Message);
            var name = quoted.Success ? quoted.Groups[1].Value : null;
            var key = name is not null && settings.Properties?.ContainsKey(name) == true ? name : null;
            var hint = key is not null
                ? $"Check Kafka:Properties[\"{key}\"]."
                : name is not null
                    ? $"Check the property \"{name}\" (or its alias) in Kafka:Properties and the Kafka settings."
                    : "Check Kafka:Properties and the Kafka settings.";
            throw new KafkaConfigurationException(
                $"librdkafka rejected the {clientKind} configuration: {e.Message}. {hint}", key ?? name, e);
        }
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();
}
