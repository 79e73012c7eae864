using System.Text.Json.Serialization;

namespace StreamCx.Kafka;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DeadLetterEnvelope))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext;
