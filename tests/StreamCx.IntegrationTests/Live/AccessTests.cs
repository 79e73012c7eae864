using System.Net;
using System.Text;

namespace StreamCx.IntegrationTests.Live;

/// <summary>The token gate of the real engine: 401 without the token or with a wrong one, except health and metrics.</summary>
[Collection(LiveServerCollection.Name)]
public class AccessTests(LiveServerFixture server)
{
    private static readonly (string Method, string Path)[] NonPublic =
    [
        ("GET", "/api/status"), ("GET", "/api/alerts"), ("GET", "/api/alerts?region=north"), ("GET", "/api/alerts/alr-0000000000000000"),
        ("POST", "/api/alerts/alr-0000000000000000/ack"), ("POST", "/api/alerts/alr-0000000000000000/resolve"),
        ("GET", "/api/alerts/stream"), ("GET", "/api/catalog"), ("GET", "/api/regions/north/scores"),
        ("GET", "/api/sites/store-lille-centre/scores"), ("GET", "/api/no-such-endpoint"), ("DELETE", "/api/alerts"), ("GET", "/no-such-file.txt"),
    ];

    private async Task<HttpResponseMessage> SendAsync(string method, string path, params string[] authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (method == "POST") request.Content = new StringContent("{\"by\":\"mallory\"}", Encoding.UTF8, "application/json");
        return await server.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task Without_a_token_every_non_public_endpoint_answers_401_with_a_bearer_challenge()
    {
        foreach (var (method, path) in NonPublic)
        {
            using var response = await SendAsync(method, path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> WrongAuthorizations()
    {
        var token = LiveServerFixture.TokenForTheory;
        var flipped = (token[0] == 'a' ? 'b' : 'a') + token[1..];
        return new TheoryData<string>
        {
            "", "Bearer", "Bearer ", "Bearer wrong", $"Bearer {token[..^1]}", $"Bearer {token}x", $"Bearer {flipped}", $"Bearer {token.ToUpperInvariant()}",
            $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + token))}", token, $"Token {token}", $"Bearer {new string('a', 10_000)}",
            $"Bearer {token[..8]}",
        };
    }

    [Theory]
    [MemberData(nameof(WrongAuthorizations), DisableDiscoveryEnumeration = true)]
    public async Task With_a_wrong_token_every_non_public_endpoint_answers_401(string authorization)
    {
        foreach (var (method, path) in NonPublic)
        {
            using var response = await SendAsync(method, path, authorization);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with '{authorization[..Math.Min(40, authorization.Length)]}' answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused_even_if_one_is_right()
    {
        using var response = await SendAsync("GET", "/api/catalog", "Bearer wrong", $"Bearer {server.Token}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_the_token_the_same_endpoints_answer_something_else_than_401()
    {
        foreach (var (method, path) in NonPublic)
        {
            using var response = await SendAsync(method, path, $"Bearer {server.Token}");
            Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{method} {path} answered 401 with the right token");
        }
        using var catalog = await SendAsync("GET", "/api/catalog", $"bearer {server.Token}");
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode); // the scheme is case-insensitive (RFC 9110)
    }

    [Fact]
    public async Task The_access_token_query_parameter_opens_the_stream_and_nothing_else()
    {
        var token = Uri.EscapeDataString(server.Token);
        using (var stream = await SseClient.RequestAsync(server.BaseAddress, server.Token, tokenInQuery: true))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        }
        using (var wrong = await SseClient.RequestAsync(server.BaseAddress, server.Token + "x", tokenInQuery: true))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        foreach (var path in new[] { $"/api/alerts?access_token={token}", $"/api/catalog?access_token={token}", $"/api/status?access_token={token}" })
        {
            using var response = await SendAsync("GET", path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
        }
        // a wrong header is not rescued by a right query token
        using var both = await SendAsync("GET", $"/api/alerts/stream?access_token={token}", "Bearer wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, both.StatusCode);
        // two query tokens are refused
        using var twice = await SendAsync("GET", $"/api/alerts/stream?access_token={token}&access_token={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
    }

    [Fact]
    public async Task Health_metrics_and_the_page_files_need_no_token()
    {
        foreach (var path in new[] { "/health/live", "/health/ready", "/", "/index.html", "/app.js", "/app.css" })
        {
            using var response = await SendAsync("GET", path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
        using var metrics = await SendAsync("GET", "/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("streamcx_", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await SendAsync("GET", "/");
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_token_one_is_generated_printed_and_only_it_opens_the_api()
    {
        await using var other = StreamcxProcess.Start("Simulator:Enabled=false");
        await other.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));
        const string prefix = "web: no Web:Token configured; this run's token is ";
        var line = other.Output.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, "no generated token printed:\n" + other.Tail());
        var token = line![prefix.Length..];
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token); // 32 random bytes, base64url
        Assert.Contains(other.Output, l => l.Contains($"/#token={token}", StringComparison.Ordinal));

        using var http = new HttpClient { BaseAddress = other.BaseAddress };
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/catalog") { Headers = { Authorization = new("Bearer", token) } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withToken)).StatusCode);
        using var withOurs = new HttpRequestMessage(HttpMethod.Get, "/api/catalog") { Headers = { Authorization = new("Bearer", server.Token) } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(withOurs)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/catalog", UriKind.Relative))).StatusCode);
    }
}
