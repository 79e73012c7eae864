namespace StreamCx.Kafka;

/// <summary>Kafka's topic-name rules (org.apache.kafka.common.internals.Topic.validate).</summary>
public static class KafkaTopicName
{
    /// <summary>Longest legal topic name.</summary>
    public const int MaxLength = 249;

    /// <summary>Why <paramref name="name"/> is not a legal topic name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is empty or whitespace";
        }

        if (name is "." or "..")
        {
            return "cannot be '.' or '..'";
        }

        if (name.Length > MaxLength)
        {
            return $"is {name.Length} characters long; Kafka allows at most {MaxLength}";
        }

        foreach (var c in name)
        {
            if (!IsLegal(c))
            {
                return $"contains {DisplayText.Char(c)}; only ASCII letters, digits, '.', '_' and '-' are allowed";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> is a legal topic name.</summary>
    public static bool IsLegal(string? name) => Problem(name) is null;

    private static bool IsLegal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
