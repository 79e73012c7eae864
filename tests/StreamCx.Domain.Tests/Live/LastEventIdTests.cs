using StreamCx.Domain.Live;

namespace StreamCx.Domain.Tests.Live;

public class LastEventIdTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Absent_or_blank_is_no_id(string? header)
    {
        Assert.True(LastEventId.TryParse(header, out var id));
        Assert.Null(id);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData(" 42 ", 42L)]
    [InlineData("1795504648367002", 1795504648367002L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Decimal_ids_are_read(string header, long expected)
    {
        Assert.True(LastEventId.TryParse(header, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("1 2")]
    [InlineData("abc")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999")]
    [InlineData("١٢٣")]
    [InlineData("１２")]
    public void Anything_else_is_refused(string header)
    {
        Assert.False(LastEventId.TryParse(header, out var id));
        Assert.Null(id);
    }

    [Theory]
    [InlineData("00000000000000000042")] // 20 digits: a small value, refused for its length alone
    [InlineData("99999999999999999999999999999999999999")]
    public void A_header_longer_than_the_longest_id_is_refused_whatever_its_value(string header)
    {
        Assert.True(header.Length > LastEventId.MaxDigits);
        Assert.False(LastEventId.TryParse(header, out var id));
        Assert.Null(id);
    }

    [Fact]
    public void A_huge_header_of_digits_is_refused()
    {
        Assert.False(LastEventId.TryParse(new string('9', 1_000_000), out var id));
        Assert.Null(id);
    }
}
