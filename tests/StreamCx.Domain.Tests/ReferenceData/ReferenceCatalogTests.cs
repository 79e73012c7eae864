using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.ReferenceData;

public sealed class ReferenceCatalogTests
{
    private readonly ReferenceCatalog _catalog = TestCatalog.Create();

    [Fact]
    public void Regions_are_distinct_and_sorted()
    {
        Assert.Equal(["north", "paris"], _catalog.Regions);
    }

    [Fact]
    public void Sites_in_a_region_are_exactly_its_members()
    {
        Assert.Equal([TestCatalog.LilleCentre, TestCatalog.LilleEuralille, TestCatalog.Roubaix], _catalog.SitesIn("north").Select(s => s.SiteId));
        Assert.Empty(_catalog.SitesIn("south"));
    }

    [Fact]
    public void Lookups_are_ordinal_and_case_sensitive()
    {
        Assert.True(_catalog.TryGetSite(TestCatalog.ParisOpera, out var site));
        Assert.Equal("Paris Opéra", site.Name);
        Assert.False(_catalog.TryGetSite("Store-Paris-Opera", out _));
        Assert.True(_catalog.TryGetAttribute(TestCatalog.WaitingTime, out var attribute));
        Assert.Equal(2, attribute.DissatisfiedAtOrBelow);
        Assert.False(_catalog.TryGetAttribute("Waiting-Time", out _));
    }

    [Theory]
    [InlineData(0.999, false)]
    [InlineData(1.0, true)]
    [InlineData(5.0, true)]
    [InlineData(5.001, false)]
    public void Attribute_scale_is_inclusive(double value, bool onScale)
    {
        Assert.Equal(onScale, _catalog.Attribute(TestCatalog.WaitingTime).IsOnScale(value));
    }

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2.001, false)]
    [InlineData(1.0, true)]
    public void Dissatisfied_is_at_or_below_the_threshold(double value, bool dissatisfied)
    {
        Assert.Equal(dissatisfied, _catalog.Attribute(TestCatalog.WaitingTime).IsDissatisfied(value));
    }
}
