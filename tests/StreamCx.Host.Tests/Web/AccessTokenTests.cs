using StreamCx.Host.Web.Live;

namespace StreamCx.Host.Tests.Web;

public class AccessTokenTests
{
    [Fact]
    public void A_configured_token_is_used_as_is()
    {
        var token = AccessToken.FromSettings(new WebSettings { Token = "0123456789abcdef" });
        Assert.False(token.Generated);
        Assert.Equal("0123456789abcdef", token.Value);
    }

    [Fact]
    public void Without_one_a_new_random_url_safe_token_is_generated_each_time()
    {
        var a = AccessToken.FromSettings(new WebSettings());
        var b = AccessToken.FromSettings(new WebSettings());
        Assert.True(a.Generated);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a.Value);
        Assert.NotEqual(a.Value, b.Value);
        Assert.Empty(new WebSettings { Token = a.Value }.Validate()); // a generated token would also be a valid configured one
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdeX")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdef ")]
    [InlineData("0123456789ABCDEF")]
    public void Only_the_exact_token_matches(string? presented)
    {
        var token = new AccessToken("0123456789abcdef", generated: false);
        Assert.False(token.Matches(presented));
        Assert.True(token.Matches("0123456789abcdef"));
    }
}
