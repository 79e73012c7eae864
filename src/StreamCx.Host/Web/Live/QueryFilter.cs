using Microsoft.AspNetCore.Http;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Web.Live;

/// <summary>Reads an <see cref="AlertFilter"/> from a request's query string (see <see cref="AlertFilterParser"/>).</summary>
public static class QueryFilter
{
    /// <param name="ignored">Query parameters that are not filters (e.g. the stream's access_token and lastEventId).</param>
    public static (AlertFilter? Filter, IReadOnlyList<string> Errors) Read(IQueryCollection query, ReferenceCatalog catalog, params string[] ignored)
    {
        var values = query
            .Where(p => !ignored.Contains(p.Key, StringComparer.Ordinal))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<string?>)p.Value.ToArray(), StringComparer.Ordinal);
        return AlertFilterParser.Parse(values, catalog);
    }
}
