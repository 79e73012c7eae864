// The journey indicators board: per site, region or department, over the last 30 days of event time.
// Keys and names come from the server: text only (textContent through el()).

import { el, formatNumber, formatTime } from './ui.js';

const $ = (id) => document.getElementById(id);

/** "12.5 %" of a share from 0 to 1. */
function percent(share) {
  return typeof share === 'number' && Number.isFinite(share) ? `${formatNumber(share * 100, 1)} %` : '—';
}

/**
 * Loads and shows the indicators grouped as the select says. <paramref name="api"/> fetches a path as JSON;
 * <paramref name="nameOf"/> names a site id (regions and departments are shown as given).
 */
export async function loadJourneyIndicators(api, nameOf) {
  const by = $('journey-indicators-by').value || 'site';
  let found;
  try {
    found = await api(`/api/journey-indicators?by=${encodeURIComponent(by)}&days=30`);
  } catch {
    return;
  }
  if (by !== ($('journey-indicators-by').value || 'site')) return;
  const rows = found.rows ?? [];
  $('journey-indicators-note').textContent = found.through
    ? `${rows.reduce((n, r) => n + r.journeys, 0)} journeys active in the ${found.days} days through ${formatTime(found.through)}. The detectors watch three of these per site (journeys not red, not watermelons, score agreement): their alerts are in the feed.`
    : 'No journey yet.';
  const head = el('tr', {}, ['', 'Journeys', 'Red', 'Watermelons', 'Interaction score', 'Journey score', 'Gap', 'Churn'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const body = rows.map((r) => el('tr', { attrs: { 'data-key': r.key } }, [
    el('th', { text: by === 'site' ? nameOf(r.key) : r.key, attrs: { scope: 'row' } }),
    el('td', { text: r.journeys }),
    el('td', { text: `${r.red} (${percent(r.redShare)})` }),
    el('td', { text: `${r.watermelons} (${percent(r.watermelonRate)})` }),
    el('td', { text: formatNumber(r.meanInteractionScore) }),
    el('td', { text: formatNumber(r.meanJourneyScore) }),
    el('td', { text: formatNumber(r.satisfactionGap) }),
    el('td', { text: r.customers ? `${r.churned} of ${r.customers} (${percent(r.churnRate)})` : '—' }),
  ]));
  $('journey-indicators-table').replaceChildren(el('thead', {}, [head]), el('tbody', {}, body));
}
