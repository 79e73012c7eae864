using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// What one site put into its region's current view (<see cref="Processing.RegionView"/>): per attribute its peer-window
/// stats and its (rating, NPS) pair sums as the view was taken. Saved with the site, so that after a restart in the
/// middle of a bucket the region's view can be put back as it was, not taken anew from the restored board.
/// </summary>
public sealed record ViewShare(long Bucket, IReadOnlyDictionary<string, ViewShareEntry> Attributes);

public sealed record ViewShareEntry(WindowStats? Window, PairSums? Pairs);
