using StreamCx.Domain.Contracts;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Service;

/// <summary>The sums behind one <see cref="ServiceView"/>.</summary>
internal sealed class ServiceSums
{
    private long _responses, _fcrKnown, _fcrYes, _ahtN, _contactsN;
    private double _ahtSum, _contactsSum;
    private readonly Headline _resolvedFirst = new(), _notResolvedFirst = new();
    private long _pairs;
    private double _sx, _sy, _sxy, _sxx, _syy;

    public void Add(FeedbackEvent e)
    {
        _responses++;
        if (e.FirstContactResolution is { } fcr)
        {
            _fcrKnown++;
            if (fcr) _fcrYes++;
            (fcr ? _resolvedFirst : _notResolvedFirst).Add(e);
        }
        if (e.HandlingSeconds is { } aht)
        {
            _ahtN++;
            _ahtSum += aht;
            if (e.Csat is { } csat)
            {
                _pairs++;
                (_sx, _sy, _sxy, _sxx, _syy) = (_sx + aht, _sy + csat, _sxy + (aht * csat), _sxx + (aht * aht), _syy + ((double)csat * csat));
            }
        }
        if (e.ContactCount is { } contacts)
        {
            _contactsN++;
            _contactsSum += contacts;
        }
    }

    /// <summary>The sums of several days together.</summary>
    public static ServiceSums Over(IEnumerable<ServiceSums> days)
    {
        var total = new ServiceSums();
        foreach (var d in days)
        {
            (total._responses, total._fcrKnown, total._fcrYes, total._ahtN, total._contactsN) =
                (total._responses + d._responses, total._fcrKnown + d._fcrKnown, total._fcrYes + d._fcrYes, total._ahtN + d._ahtN, total._contactsN + d._contactsN);
            (total._ahtSum, total._contactsSum, total._pairs) = (total._ahtSum + d._ahtSum, total._contactsSum + d._contactsSum, total._pairs + d._pairs);
            (total._sx, total._sy, total._sxy, total._sxx, total._syy) = (total._sx + d._sx, total._sy + d._sy, total._sxy + d._sxy, total._sxx + d._sxx, total._syy + d._syy);
            total._resolvedFirst.Add(d._resolvedFirst);
            total._notResolvedFirst.Add(d._notResolvedFirst);
        }
        return total;
    }

    public ServiceView View(string site, string channel) => new(
        site, channel, _responses,
        _fcrKnown > 0 ? Math.Round(100.0 * _fcrYes / _fcrKnown, 1) : null,
        _ahtN > 0 ? Math.Round(_ahtSum / _ahtN, 1) : null,
        _contactsN > 0 ? Math.Round(_contactsSum / _contactsN, 2) : null,
        _resolvedFirst.Nps, _notResolvedFirst.Nps, _resolvedFirst.Csat, _notResolvedFirst.Csat,
        Correlation());

    public ServiceSumsSnapshot ToSnapshot(string site, string channel) => new(
        site, channel, _responses, _fcrKnown, _fcrYes, _ahtN, _ahtSum, _contactsN, _contactsSum,
        _resolvedFirst.ToCounts(), _notResolvedFirst.ToCounts(), _pairs, _sx, _sy, _sxy, _sxx, _syy);

    public static ServiceSums From(ServiceSumsSnapshot s)
    {
        var sums = new ServiceSums
        {
            _responses = s.Responses, _fcrKnown = s.FcrKnown, _fcrYes = s.FcrYes, _ahtN = s.AhtN, _ahtSum = s.AhtSum,
            _contactsN = s.ContactsN, _contactsSum = s.ContactsSum,
            _pairs = s.Pairs, _sx = s.Sx, _sy = s.Sy, _sxy = s.Sxy, _sxx = s.Sxx, _syy = s.Syy,
        };
        sums._resolvedFirst.Restore(s.ResolvedFirst);
        sums._notResolvedFirst.Restore(s.NotResolvedFirst);
        return sums;
    }

    private double? Correlation()
    {
        if (_pairs < 10) return null;
        var cov = _sxy - (_sx * _sy / _pairs);
        var vx = _sxx - (_sx * _sx / _pairs);
        var vy = _syy - (_sy * _sy / _pairs);
        return vx > 0 && vy > 0 ? Math.Round(cov / Math.Sqrt(vx * vy), 3) : null;
    }

    /// <summary>NPS (% promoters − % detractors) and CSAT (% 4–5) of a group of responses.</summary>
    private sealed class Headline
    {
        private long _npsN, _promoters, _detractors, _csatN, _satisfied;

        public void Add(FeedbackEvent e)
        {
            if (e.Nps is { } nps)
            {
                _npsN++;
                if (nps >= 9) _promoters++;
                else if (nps <= 6) _detractors++;
            }
            if (e.Csat is { } csat)
            {
                _csatN++;
                if (csat >= 4) _satisfied++;
            }
        }

        public void Add(Headline other) =>
            (_npsN, _promoters, _detractors, _csatN, _satisfied) =
            (_npsN + other._npsN, _promoters + other._promoters, _detractors + other._detractors, _csatN + other._csatN, _satisfied + other._satisfied);

        public double? Nps => _npsN > 0 ? Math.Round(100.0 * (_promoters - _detractors) / _npsN, 1) : null;

        public double? Csat => _csatN > 0 ? Math.Round(100.0 * _satisfied / _csatN, 1) : null;

        public HeadlineCounts ToCounts() => new(_npsN, _promoters, _detractors, _csatN, _satisfied);

        public void Restore(HeadlineCounts c) => (_npsN, _promoters, _detractors, _csatN, _satisfied) = (c.NpsN, c.Promoters, c.Detractors, c.CsatN, c.Satisfied);
    }
}
