using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

public sealed class ReferenceDataLoaderValidTests
{
    private const string Sites = """
        [
          { "siteId": "store-lille-centre", "name": "Lille Centre", "regionId": "north" },
          { "siteId": "store-paris-opera", "name": "Paris Opéra", "regionId": "paris" },
          { "siteId": "store-roubaix", "name": "Roubaix", "regionId": "north" }
        ]
        """;

    private const string Attributes = """
        [
          { "attributeId": "waiting-time", "label": "Waiting time", "min": 1, "max": 5, "dissatisfiedAtOrBelow": 2 },
          { "attributeId": "cleanliness", "label": "Cleanliness", "min": 0, "max": 10, "dissatisfiedAtOrBelow": 6.5 }
        ]
        """;

    [Fact]
    public void Sites_are_read_in_file_order_with_all_fields()
    {
        var sites = ReferenceDataLoader.LoadSites(Sites);

        Assert.Equal(
            [new Site("store-lille-centre", "Lille Centre", "north"), new Site("store-paris-opera", "Paris Opéra", "paris"), new Site("store-roubaix", "Roubaix", "north")],
            sites);
    }

    [Fact]
    public void Attributes_are_read_with_scale_and_threshold()
    {
        var attributes = ReferenceDataLoader.LoadAttributes(Attributes);

        Assert.Equal(
            [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2), new AttributeDefinition("cleanliness", "Cleanliness", 0, 10, 6.5)],
            attributes);
    }

    [Fact]
    public void Comments_in_reference_files_are_allowed()
    {
        var sites = ReferenceDataLoader.LoadSites("""
            // the only site
            [ { "siteId": "s1", /* inline */ "name": "One", "regionId": "r" } ]
            """);

        Assert.Equal("s1", Assert.Single(sites).SiteId);
    }

    [Fact]
    public void Threshold_at_the_scale_minimum_is_allowed()
    {
        var a = Assert.Single(ReferenceDataLoader.LoadAttributes("""[{"attributeId":"a","label":"A","min":1,"max":5,"dissatisfiedAtOrBelow":1}]"""));

        Assert.Equal(1, a.DissatisfiedAtOrBelow);
    }

    [Fact]
    public void Load_reads_both_files_into_a_catalog()
    {
        using var dir = new TempDirectory();
        var sitesPath = dir.Write("sites.json", Sites);
        var attributesPath = dir.Write("attributes.json", Attributes);

        var catalog = ReferenceDataLoader.Load(sitesPath, attributesPath);

        Assert.Equal(3, catalog.Sites.Count);
        Assert.Equal(2, catalog.Attributes.Count);
        Assert.Equal(["north", "paris"], catalog.Regions);
        Assert.True(catalog.TryGetSite("store-paris-opera", out var opera));
        Assert.Equal("paris", opera.RegionId);
        Assert.True(catalog.TryGetAttribute("cleanliness", out var cleanliness));
        Assert.Equal(6.5, cleanliness.DissatisfiedAtOrBelow);
    }

    [Fact]
    public void Load_accepts_files_with_a_byte_order_mark()
    {
        using var dir = new TempDirectory();
        var sitesPath = dir.Write("sites.json", "\uFEFF" + Sites);
        var attributesPath = dir.Write("attributes.json", "\uFEFF" + Attributes);

        Assert.Equal(3, ReferenceDataLoader.Load(sitesPath, attributesPath).Sites.Count);
    }

    [Fact]
    public void Repository_config_files_load_with_enough_sites_regions_and_attributes()
    {
        var sitesPath = RepoPaths.Config("sites.json");
        var attributesPath = RepoPaths.Config("attributes.json");
        Assert.True(File.Exists(sitesPath), $"{sitesPath} is missing");
        Assert.True(File.Exists(attributesPath), $"{attributesPath} is missing");

        var catalog = ReferenceDataLoader.Load(sitesPath, attributesPath);

        Assert.True(catalog.Sites.Count >= 40, $"{catalog.Sites.Count} sites");
        Assert.True(catalog.Regions.Count >= 4, $"{catalog.Regions.Count} regions");
        Assert.True(catalog.Attributes.Count >= 8, $"{catalog.Attributes.Count} attributes");
    }

    [Fact]
    public void Every_region_of_the_repository_config_has_enough_sites_for_the_peer_factor()
    {
        var catalog = ReferenceDataLoader.Load(RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"));
        var minPeers = new Domain.Detection.DetectionSettings().MinPeers;

        Assert.All(catalog.Regions, r =>
            Assert.True(catalog.SitesIn(r).Count() > minPeers, $"region {r} has {catalog.SitesIn(r).Count()} sites: a site needs {minPeers} peers"));
    }
}
