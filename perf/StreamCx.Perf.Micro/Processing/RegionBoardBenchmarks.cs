using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Processing;

/// <summary>
/// The region board's share of one rating in <see cref="FeedbackProcessor.Process"/>: the site-attribute's window and
/// (rating, NPS) sums are written, then its peers and the attribute's driver importance are read. A region of
/// config/sites.json ("north", 9 sites) with all 10 attributes known and more than enough pairs to be ranked.
/// </summary>
[MemoryDiagnoser]
public class RegionBoardBenchmarks
{
    private const int Pairs = 1024;
    private readonly (double Rating, int Nps)[] _pairs = new (double, int)[Pairs];
    private RegionBoard _board = null!;
    private string _siteId = "";
    private string _attributeId = "";
    private WindowStats _window;
    private PairSums _sums;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = RepoFiles.Catalog();
        var settings = new DetectionSettings();
        var model = new RatingModel(11);
        var region = catalog.Sites[0].RegionId;
        _board = new RegionBoard(region, settings);
        var t = WarmedAttribute.Start.AddHours(12);
        foreach (var site in catalog.SitesIn(region))
        {
            foreach (var attribute in catalog.Attributes)
            {
                var window = default(WindowStats);
                var sums = default(PairSums);
                for (var i = 0; i < 200; i++)
                {
                    var v = model.Rating(t);
                    window = window.Add(new Bucket { Count = 1, Sum = v, SumSquares = v * v });
                    sums = sums.Add(v, model.Nps(v));
                }
                _board.Update(site.SiteId, attribute.AttributeId, window, sums);
                (_siteId, _attributeId, _window, _sums) = (site.SiteId, attribute.AttributeId, window, sums);
            }
        }
        for (var i = 0; i < Pairs; i++)
        {
            var v = model.Rating(t);
            _pairs[i] = (v, model.Nps(v));
        }
    }

    /// <summary>A new rating with an NPS changes the site's pair sums, so the region's ranking is rebuilt on the next read.</summary>
    [Benchmark]
    public ImportanceFactor? UpdateThenImportance()
    {
        var (rating, nps) = _pairs[_next++ & (Pairs - 1)];
        _sums = _sums.Add(rating, nps);
        _board.Update(_siteId, _attributeId, _window, _sums);
        return _board.ImportanceOf(_attributeId);
    }

    [Benchmark]
    public IReadOnlyList<double> PeersOf() => _board.PeersOf(_siteId, _attributeId);
}
