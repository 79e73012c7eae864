using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

/// <summary>A site may carry an IANA time zone: the local time its rhythms are learned in.</summary>
public sealed class ReferenceDataLoaderTimeZoneTests
{
    [Fact]
    public void A_known_IANA_zone_is_kept_and_a_site_without_one_has_none()
    {
        var sites = ReferenceDataLoader.LoadSites("""
            [{"siteId":"a","name":"A","regionId":"r","timeZone":"Europe/Paris"},{"siteId":"b","name":"B","regionId":"r"}]
            """);

        Assert.Equal("Europe/Paris", sites[0].TimeZone);
        Assert.Null(sites[1].TimeZone);
    }

    [Fact]
    public void An_unknown_zone_is_refused_naming_the_site_and_the_zone()
    {
        var message = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadSites("""
            [{"siteId":"a","name":"A","regionId":"r","timeZone":"Mars/Olympus"}]
            """)).Message;

        Assert.Contains("entry 0 (a): timeZone 'Mars/Olympus' is not a known IANA time zone", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_sites_carry_their_zone()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"));

        Assert.All(catalog.Sites, s => Assert.Equal("Europe/Paris", s.TimeZone));
    }
}
