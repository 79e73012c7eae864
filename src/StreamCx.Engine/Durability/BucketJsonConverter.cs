using System.Text.Json;
using System.Text.Json.Serialization;
using StreamCx.Domain.Windows;

namespace StreamCx.Engine.Durability;

/// <summary>A bucket as a plain array of its eight numbers: snapshots hold thousands of them.</summary>
public sealed class BucketJsonConverter : JsonConverter<Bucket>
{
    public override Bucket Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a bucket must be an array of 8 numbers");
        var v = new double[8];
        for (var i = 0; i < 8; i++)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number) throw new JsonException("a bucket must be an array of 8 numbers");
            v[i] = reader.GetDouble();
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new JsonException("a bucket must be an array of 8 numbers");
        return new Bucket
        {
            Index = (long)v[0], Count = (int)v[1], Dissatisfied = (int)v[2], Sum = v[3], SumSquares = v[4],
            SumTau = v[5], SumTauSquares = v[6], SumTauValue = v[7],
        };
    }

    public override void Write(Utf8JsonWriter writer, Bucket b, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(b.Index);
        writer.WriteNumberValue(b.Count);
        writer.WriteNumberValue(b.Dissatisfied);
        writer.WriteNumberValue(b.Sum);
        writer.WriteNumberValue(b.SumSquares);
        writer.WriteNumberValue(b.SumTau);
        writer.WriteNumberValue(b.SumTauSquares);
        writer.WriteNumberValue(b.SumTauValue);
        writer.WriteEndArray();
    }
}
