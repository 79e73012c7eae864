// StreamCx live alert page: vanilla JS, no build step.
// Everything that comes from the server is rendered with textContent (never innerHTML): verbatims are untrusted text.

import { el, formatNumber, formatTime } from './ui.js';
import { closeView, timeline, viewLink } from './journey-view.js';
import { loadJourneyIndicators } from './journey-indicators.js';

const TOKEN_KEY = 'streamcx.token';
const NAME_KEY = 'streamcx.name';
const SVG_NS = 'http://www.w3.org/2000/svg';

const state = {
  token: null,
  catalog: null,
  attributes: new Map(),
  sites: new Map(),
  alerts: new Map(),      // alertId -> record { alert, open, acknowledgement, resolvedByHand, ... }
  selectedId: null,
  source: null,
  generation: 0,          // bumps on every (re)connection; stale callbacks check it
  boardTimer: null,
  boardRefresh: null,
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- access

function readTokenFromFragment() {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash) return null;
  const token = new URLSearchParams(hash).get('token');
  // the token must not stay in the address bar or the history
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${state.token}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store',
  });
  if (response.status === 401) {
    signOut('That token was refused.');
    throw new Error('unauthorized');
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

function showLogin(message) {
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  $('token-input').focus();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  disconnect();
  clearInterval(state.boardTimer);
  setConnection('offline');
  showLogin(message);
}

async function signIn(token) {
  state.token = token;
  try {
    state.catalog = await api('/api/catalog');
  } catch (e) {
    if (e.message !== 'unauthorized') showLogin(`Cannot reach the engine: ${e.message}`);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $('login').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  fillCatalog();
  await reload();
  await loadBoard();
  await loadChannels();
  await loadReasons();
  await journeyIndicators();
  clearInterval(state.boardTimer);
  state.boardTimer = setInterval(() => { loadBoard(); loadChannels(); loadReasons(); journeyIndicators(); }, 30000);
}

// ---------------------------------------------------------------- filters

function fillCatalog() {
  state.attributes = new Map(state.catalog.attributes.map((a) => [a.attributeId, a]));
  state.sites = new Map();
  for (const region of state.catalog.regions) for (const site of region.sites) state.sites.set(site.siteId, { ...site, regionId: region.regionId });
  const regionSelect = $('filter-region');
  const boardRegion = $('board-region');
  const reasonsRegion = $('reasons-region');
  regionSelect.replaceChildren(el('option', { text: 'All regions', attrs: { value: '' } }));
  reasonsRegion.replaceChildren(el('option', { text: 'All regions', attrs: { value: '' } }));
  boardRegion.replaceChildren();
  for (const region of state.catalog.regions) {
    regionSelect.append(el('option', { text: region.regionId, attrs: { value: region.regionId } }));
    boardRegion.append(el('option', { text: region.regionId, attrs: { value: region.regionId } }));
    reasonsRegion.append(el('option', { text: region.regionId, attrs: { value: region.regionId } }));
  }
  const attributeSelect = $('filter-attribute');
  attributeSelect.replaceChildren(el('option', { text: 'All attributes', attrs: { value: '' } }));
  for (const a of state.catalog.attributes) attributeSelect.append(el('option', { text: a.label, attrs: { value: a.attributeId } }));
  fillSites();
  fillChannelSites();
}

function fillSites() {
  const region = $('filter-region').value;
  const select = $('filter-site');
  const previous = select.value;
  select.replaceChildren(el('option', { text: 'All sites', attrs: { value: '' } }));
  for (const site of state.sites.values()) {
    if (!region || site.regionId === region) select.append(el('option', { text: site.name, attrs: { value: site.siteId } }));
  }
  select.value = [...select.options].some((o) => o.value === previous) ? previous : '';
}

function filterQuery() {
  const query = new URLSearchParams();
  const add = (name, id) => { const v = $(id).value; if (v) query.set(name, v); };
  add('region', 'filter-region');
  add('site', 'filter-site');
  add('attribute', 'filter-attribute');
  add('minSeverity', 'filter-severity');
  add('kind', 'filter-kind');
  return query;
}

// ---------------------------------------------------------------- live stream

function setConnection(stateName, text) {
  const pill = $('connection');
  pill.dataset.state = stateName;
  pill.textContent = text ?? stateName;
}

function showNotice(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = !text;
}

function disconnect() {
  state.generation++;
  if (state.source) state.source.close();
  state.source = null;
}

/** Loads the open alerts for the filters, then follows the stream from exactly that position. */
async function reload() {
  disconnect();
  const generation = state.generation;
  const query = filterQuery();
  let data;
  try {
    data = await api(`/api/alerts?${query}`);
  } catch (e) {
    if (e.message !== 'unauthorized') { showNotice(`Could not load the alerts: ${e.message}`); setTimeout(() => generation === state.generation && reload(), 3000); }
    return;
  }
  if (generation !== state.generation) return;
  state.alerts = new Map(data.alerts.map((r) => [r.alert.alertId, r]));
  renderFeed();
  if (state.selectedId) renderDetailFromList();
  connect(query, data.position, generation);
}

function connect(query, position, generation) {
  query.set('access_token', state.token);
  query.set('lastEventId', String(position));
  const source = new EventSource(`/api/alerts/stream?${query}`);
  state.source = source;
  setConnection('connecting');
  const live = (handler) => (event) => { if (generation === state.generation) handler(event); };
  source.addEventListener('ready', live(() => { setConnection('live'); }));
  source.addEventListener('alert', live((event) => onAlert(JSON.parse(event.data))));
  source.addEventListener('acknowledged', live((event) => onRecord(JSON.parse(event.data))));
  source.addEventListener('resolved-by-hand', live((event) => onRecord(JSON.parse(event.data))));
  source.addEventListener('overflow', live((event) => {
    const data = JSON.parse(event.data);
    setConnection('lagging');
    showNotice(`This page fell behind: ${data.dropped} live events were dropped. Reloading the open alerts.`);
    reload();
  }));
  source.addEventListener('reset', live(() => {
    showNotice('Some live events could not be replayed. Reloading the open alerts.');
    reload();
  }));
  source.onerror = live(async () => {
    if (source.readyState === EventSource.CLOSED) {
      // refused (e.g. 401 or 503): check the token, then start again
      setConnection('reconnecting');
      try { await api('/api/catalog'); } catch { return; }
      setTimeout(() => generation === state.generation && reload(), 2000);
    } else {
      setConnection('reconnecting');
    }
  });
}

function onAlert(alert) {
  const existing = state.alerts.get(alert.alertId);
  if (alert.status === 'resolved') {
    state.alerts.delete(alert.alertId);
  } else {
    const record = existing ? { ...existing, alert, open: true, resolvedByHand: undefined } : { alert, open: true, fresh: true };
    state.alerts.set(alert.alertId, record);
  }
  renderFeed();
  if (state.selectedId === alert.alertId) loadDetail(alert.alertId);
  scheduleBoardRefresh(alert.regionId);
}

function onRecord(record) {
  if (record.open) state.alerts.set(record.alert.alertId, record);
  else state.alerts.delete(record.alert.alertId);
  renderFeed();
  if (state.selectedId === record.alert.alertId) loadDetail(record.alert.alertId);
  scheduleBoardRefresh(record.alert.regionId);
}

// ---------------------------------------------------------------- feed

function renderFeed() {
  const records = [...state.alerts.values()].sort((a, b) =>
    b.alert.severity - a.alert.severity || String(b.alert.emittedAt).localeCompare(String(a.alert.emittedAt)));
  // a grouped alert (factor kind "group") shows the alerts it folds inside it: the site alerts notified before a region
  // group formed, the region groups of a network group
  const foldedBy = new Map();
  for (const r of records) {
    const group = groupFactor(r.alert);
    for (const id of group?.foldedAlertIds ?? []) if (id !== r.alert.alertId && state.alerts.has(id)) foldedBy.set(id, r.alert.alertId);
  }
  const top = records.filter((r) => !foldedBy.has(r.alert.alertId));
  const item = (r) => alertItem(r, records.filter((m) => foldedBy.get(m.alert.alertId) === r.alert.alertId).map(item));
  const list = $('alerts');
  list.replaceChildren(...top.map(item));
  $('open-count').textContent = String(top.length);
  $('feed-empty').hidden = records.length > 0;
  for (const r of records) delete r.fresh;
}

/** The group factor of a grouped alert, else null. */
function groupFactor(alert) {
  return (alert.factors ?? []).find((f) => f.kind === 'group') ?? null;
}

function alertItem(record, members = []) {
  const a = record.alert;
  const level = a.severityLevel;
  const group = groupFactor(a);
  const item = el('li', {
    className: `alert-item sev-${level}${group ? ' alert-group' : ''}${record.fresh ? ' fresh' : ''}${a.alertId === state.selectedId ? ' selected' : ''}`,
    attrs: { 'data-alert-id': a.alertId, 'data-region': a.regionId, 'data-site': a.siteId, 'data-attribute': a.attributeId, tabindex: '0' },
  }, [
    el('div', { className: 'alert-line' }, [
      el('span', { className: `badge sev-${level}`, text: level }),
      group ? el('span', { className: 'chip group-chip', text: `${group.scope} group · ${group.siteIds.length} sites` }) : null,
      el('span', { className: 'alert-title', text: group ? a.attributeLabel : `${a.siteName} · ${a.attributeLabel}` }),
      el('span', { className: 'muted', text: `${a.status} #${a.sequence}` }),
      record.acknowledgement ? el('span', { className: 'chip ack-chip', text: `acknowledged by ${record.acknowledgement.by}` }) : null,
    ]),
    el('p', { className: 'alert-explanation', text: a.explanation }),
    members.length ? el('ul', { className: 'group-members', attrs: { 'aria-label': 'alerts in this group' } }, members) : null,
  ]);
  item.addEventListener('click', (e) => { e.stopPropagation(); select(a.alertId); });
  item.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.stopPropagation(); select(a.alertId); } });
  return item;
}

// ---------------------------------------------------------------- detail

function select(alertId) {
  state.selectedId = alertId;
  for (const item of document.querySelectorAll('.alert-item')) item.classList.toggle('selected', item.dataset.alertId === alertId);
  $('ack-error').textContent = '';
  closeView();
  loadDetail(alertId);
}

function renderDetailFromList() {
  const record = state.alerts.get(state.selectedId);
  if (record) renderDetail(record);
}

async function loadDetail(alertId) {
  try {
    const record = await api(`/api/alerts/${encodeURIComponent(alertId)}`);
    if (state.selectedId === alertId) renderDetail(record);
  } catch (e) {
    if (e.message !== 'unauthorized') $('ack-error').textContent = e.message;
  }
}

const FACTOR_FIELDS = {
  trend: [['slopePerHour', 'slope per hour'], ['tStatistic', 'z'], ['firstMean', 'mean before'], ['lastMean', 'mean now'], ['sampleSize', 'responses'], ['windowHours', 'over (hours)']],
  peer: [['siteValue', 'this site'], ['peerMedian', 'peer median'], ['robustZ', 'robust z'], ['peerCount', 'peers']],
  importance: [['weight', 'weight on NPS'], ['rank', 'rank'], ['attributeCount', 'of attributes']],
  expectation: [['expected', 'expected'], ['lower', 'lower bound'], ['upper', 'upper bound'], ['observed', 'observed'], ['sampleSize', 'responses']],
  watermelon: [['journeyId', 'journey'], ['customerId', 'customer'], ['accountId', 'account'], ['daysOpen', 'days open'], ['contacts', 'contacts'],
    ['departments', 'departments'], ['meanInteractionScore', 'interactions (0-10)'], ['journeyScore', 'journey (0-10)'], ['outcome', 'outcome'],
    ['churn', 'churned'], ['redRules', 'red because']],
  group: [['scope', 'scope'], ['since', 'since'], ['medianMean', 'median score'], ['siteIds', 'sites'], ['regionIds', 'regions'],
    ['foldedAlertIds', 'alerts inside it']],
  divergence: [['accountId', 'account'], ['highRole', 'satisfied role'], ['highScore', 'its score (0-10)'], ['lowRole', 'dissatisfied role'],
    ['lowScore', 'its score (0-10)'], ['gap', 'gap'], ['churn', 'churned']],
  complaints: [['reasonLabel', 'reason'], ['catalogued', 'catalogued'], ['count', 'complaints'], ['spanHours', 'over (hours)'], ['expected', 'expected'],
    ['usualPerDay', 'usual per day'], ['peersPerDay', 'peers per day'], ['ratio', 'ratio'], ['pValue', 'chance'], ['incidents', 'incidents']],
  social: [['count', 'negative mentions'], ['spanMinutes', 'over (minutes)'], ['expected', 'expected'], ['perHour', 'per hour'], ['reach', 'reach'],
    ['ratio', 'ratio'], ['pValue', 'chance'], ['spreading', 'spreading'], ['incidents', 'incidents']],
  internal: [['attributeId', 'attribute'], ['topic', 'topic'], ['count', 'negative reports'], ['spanHours', 'over (hours)'], ['expected', 'expected'],
    ['usualPerDay', 'usual per day'], ['peersPerDay', 'peers per day'], ['ratio', 'ratio'], ['pValue', 'chance'], ['incidents', 'incidents']],
  incidents: [['incidentLabel', 'incident type'], ['catalogued', 'catalogued'], ['affects', 'bears on'], ['count', 'incidents'], ['spanHours', 'over (hours)'],
    ['expected', 'expected'], ['usualPerDay', 'usual per day'], ['peersPerDay', 'peers per day'], ['ratio', 'ratio'], ['pValue', 'chance']],
  channel: [['dimension', 'compared by'], ['value', 'worse'], ['indicatorId', 'indicator'], ['mean', 'its mean'], ['count', 'its responses'],
    ['othersMean', 'the others (median)'], ['othersCount', 'their responses'], ['gap', 'gap'], ['z', 'z'], ['spanHours', 'over (hours)'],
    ['values', 'each']],
};

/** The factor fields that open a view of their own (see journey-view.js): the journey, the account. */
const FACTOR_LINKS = { watermelon: { journeyId: 'journey', accountId: 'account' }, divergence: { accountId: 'account' } };

/** A factor's value: a link to its journey or account view, else its text. */
function factorValue(factor, key) {
  const view = FACTOR_LINKS[factor.kind]?.[key];
  const value = factor[key];
  return view && typeof value === 'string' && value ? el('dd', {}, [viewLink(view, value, api)]) : el('dd', { text: formatField(value, key) });
}

/** A factor's value as text: numbers rounded (a probability in scientific notation), strings as given, yes/no, lists joined. */
function formatField(value, key) {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'incidents') return (value ?? []).map(incidentText).join('; ') || '—';
  if (key === 'values') return (value ?? []).map((v) => `${v.value} ${formatNumber(v.mean)} (${v.count})`).join(', ') || '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (key === 'pValue' && typeof value === 'number') return value.toExponential(1);
  return formatNumber(value, 3);
}

/** One type of incident an alert cites, as text (its type is untrusted: text only). */
function incidentText(e) {
  const magnitude = e.meanMagnitude != null ? `, ${formatNumber(e.meanMagnitude, 1)} ${e.unit ?? ''} on average` : '';
  return `${e.count} × ${e.incidentType} since ${formatTime(e.since)}${magnitude}`;
}

/** A unit (seller, agent, team) an alert names as making its drop, as text (its id is untrusted: text only). */
function unitText(u) {
  return `${u.unitId}: ${formatNumber(u.meanBefore)} → ${formatNumber(u.meanRecent)} over ${u.recentResponses} responses, ${formatNumber(u.shareOfDrop * 100, 0)} % of the drop`;
}

function renderDetail(record) {
  const a = record.alert;
  $('detail-empty').hidden = true;
  $('detail-body').hidden = false;
  $('detail-body').dataset.alertId = a.alertId;
  const badge = $('detail-severity');
  badge.className = `badge sev-${a.severityLevel}`;
  badge.textContent = `${a.severityLevel} ${formatNumber(a.severity)}`;
  $('detail-heading').textContent = `${a.siteName} · ${a.attributeLabel}`;
  $('detail-status').textContent = `${a.status} · emission #${a.sequence}${record.open ? '' : ' · closed'}`;
  $('detail-explanation').textContent = a.explanation;

  const facts = [
    ['Region', a.regionId], ['Raised at (event time)', formatTime(a.raisedAt)], ['Emitted at', formatTime(a.emittedAt)],
    ['Window', `${formatTime(a.window?.start)} → ${formatTime(a.window?.end)}`],
    ['Score', a.score ? `mean ${formatNumber(a.score.mean)}, ${formatNumber(a.score.dissatisfiedPct, 1)} % dissatisfied, ${a.score.count} responses` : '—'],
    ['Alert id', a.alertId],
    ...(a.incidents?.length ? [['Incidents at the site', a.incidents.map(incidentText).join('; ')]] : []),
    ...(a.units?.length ? [['Units behind the drop', a.units.map(unitText).join('; ')]] : []),
  ];
  $('detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));

  $('detail-factors').replaceChildren(...(a.factors ?? []).map((f) => {
    const fields = FACTOR_FIELDS[f.kind] ?? Object.keys(f).filter((k) => k !== 'kind').map((k) => [k, k]);
    return el('section', { className: `factor factor-${f.kind}`, attrs: { 'data-kind': f.kind } }, [
      el('h5', { text: f.kind }),
      el('dl', {}, fields.flatMap(([key, label]) => [el('dt', { text: label }), factorValue(f, key)])),
      ...(f.kind === 'watermelon' ? [timeline(f.timeline)] : []),
    ]);
  }));

  const verbatims = a.verbatims ?? [];
  $('detail-verbatims').replaceChildren(...(verbatims.length ? verbatims.map((v) => el('li', { className: 'verbatim' }, [
    el('span', { className: 'verbatim-text', text: v.text }),
    el('div', { className: 'verbatim-meta', text: `${v.channel} · ${formatTime(v.occurredAt)}${v.rating != null ? ` · rated ${v.rating}` : ''}` }),
  ])) : [el('li', { className: 'muted', text: 'No verbatim for this alert.' })]));

  loadStaffReports(a.siteId, a.alertId);

  const ack = record.acknowledgement;
  const resolved = record.resolvedByHand;
  $('detail-ack').textContent = [
    ack ? `Acknowledged by ${ack.by} at ${formatTime(ack.at)}${ack.note ? ` — “${ack.note}”` : ''}.` : 'Not acknowledged yet.',
    resolved ? `Resolved by hand by ${resolved.by} at ${formatTime(resolved.at)}${resolved.note ? ` — “${resolved.note}”` : ''}.` : '',
  ].filter(Boolean).join(' ');
  $('resolve-button').disabled = !record.open;

  const history = record.history ?? [];
  $('detail-history').replaceChildren(...history.slice().reverse().map((h) => el('li', {
    text: h.kind === 'emission'
      ? `${formatTime(h.at)} — ${h.status} #${h.sequence}, severity ${formatNumber(h.severity)} (${h.severityLevel})`
      : `${formatTime(h.at)} — ${h.kind} by ${h.by}${h.note ? `: ${h.note}` : ''}`,
  })));
}

async function act(kind) {
  const alertId = state.selectedId;
  if (!alertId) return;
  const by = $('ack-by').value.trim();
  if (!by) { $('ack-error').textContent = 'Please enter your name.'; $('ack-by').focus(); return; }
  localStorage.setItem(NAME_KEY, by);
  const note = $('ack-note').value;
  $('ack-error').textContent = '';
  $('ack-button').disabled = true;
  try {
    const record = await api(`/api/alerts/${encodeURIComponent(alertId)}/${kind}`, { method: 'POST', body: { by, note } });
    onRecord(record);
    $('ack-note').value = '';
  } catch (e) {
    if (e.message !== 'unauthorized') $('ack-error').textContent = e.message;
  } finally {
    $('ack-button').disabled = false;
  }
}

// ---------------------------------------------------------------- region board

function scheduleBoardRefresh(regionId) {
  if (regionId !== $('board-region').value) return;
  clearTimeout(state.boardRefresh);
  state.boardRefresh = setTimeout(loadBoard, 1000);
}

async function loadBoard() {
  const regionId = $('board-region').value;
  if (!regionId) return;
  let data;
  try {
    data = await api(`/api/regions/${encodeURIComponent(regionId)}/scores`);
  } catch {
    return;
  }
  if (regionId !== $('board-region').value) return;
  const table = $('board-table');
  const head = el('tr', {}, [el('th', { text: 'Site' }), el('th', { text: 'NPS' }),
    ...data.attributes.map((a) => el('th', { text: a.label, attrs: { scope: 'col' } }))]);
  const rows = data.sites.map((site) => el('tr', { attrs: { 'data-site': site.siteId } }, [
    el('th', { text: site.name, attrs: { scope: 'row' } }),
    el('td', { className: 'status-no-data', text: site.nps?.value != null ? formatNumber(site.nps.value, 0) : '—' }),
    ...data.attributes.map((a) => boardCell(site, a)),
  ]));
  table.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

function boardCell(site, attribute) {
  const cell = site.attributes?.[attribute.attributeId];
  const status = cell?.status ?? 'no-data';
  const td = el('td', {
    className: `status-${status}${cell?.alert ? ' has-alert' : ''}${cell?.alert?.acknowledged ? ' acknowledged' : ''}`,
    attrs: { 'data-attribute': attribute.attributeId, 'data-status': status },
  });
  const mean = cell?.window?.mean;
  td.append(el('span', { className: 'cell-value', text: mean != null ? formatNumber(mean) : '—' }));
  if (cell?.sparkline?.points?.some((p) => p != null)) td.append(sparkline(cell.sparkline.points, attribute.min, attribute.max));
  const title = cell?.window
    ? `${site.name} · ${attribute.label}: mean ${formatNumber(mean)} over ${cell.window.count} responses, ${formatNumber(cell.window.dissatisfiedPct, 1)} % dissatisfied`
    : `${site.name} · ${attribute.label}: no recent response`;
  td.setAttribute('title', cell?.alert ? `${title} — ${status} alert` : title);
  if (cell?.alert) td.addEventListener('click', () => select(cell.alert.alertId));
  return td;
}

/** An inline SVG line of the recent bucket means; gaps (no response) break the line. */
function sparkline(points, min, max) {
  const width = 84, height = 18, pad = 1.5;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  const x = (i) => pad + (i * (width - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (v) => height - pad - ((Math.min(max, Math.max(min, v)) - min) * (height - 2 * pad)) / (max - min || 1);
  let segment = [];
  const flush = () => {
    if (segment.length === 1) segment = [[segment[0][0] - 1.5, segment[0][1]], [segment[0][0] + 1.5, segment[0][1]]];
    if (segment.length > 1) {
      const line = document.createElementNS(SVG_NS, 'polyline');
      line.setAttribute('points', segment.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '));
      svg.append(line);
    }
    segment = [];
  };
  points.forEach((p, i) => { if (p == null) flush(); else segment.push([x(i), y(p)]); });
  flush();
  return svg;
}

// ---------------------------------------------------------------- channels and touchpoints

function fillChannelSites() {
  const select = $('channels-site');
  const previous = select.value;
  select.replaceChildren(...[...state.sites.values()].map((site) => el('option', { text: site.name, attrs: { value: site.siteId } })));
  if ([...select.options].some((o) => o.value === previous)) select.value = previous;
}

/** A site's indicators per channel and per touchpoint: rows are indicators, cells their mean (responses); markedly worse ones flagged. */
async function loadChannels() {
  const siteId = $('channels-site').value;
  if (!siteId) return;
  loadService(siteId);
  let data;
  try {
    data = await api(`/api/sites/${encodeURIComponent(siteId)}/channels`);
  } catch {
    return;
  }
  if (siteId !== $('channels-site').value) return;
  const indicators = data.view?.indicators ?? [];
  const channels = [...new Set(indicators.flatMap((i) => i.byChannel.map((c) => c.value)))].sort();
  const touchpoints = [...new Set(indicators.flatMap((i) => i.byTouchpoint.map((c) => c.value)))].sort();
  $('channels-note').textContent = data.view?.from
    ? `${formatTime(data.view.from)} → ${formatTime(data.view.to)}; a channel or touchpoint is flagged when markedly worse than the others (at least ${data.minResponses} responses)`
    : 'No feedback yet.';
  const cell = (values, name, indicator) => {
    const v = values.find((c) => c.value === name);
    const td = el('td', {
      className: v?.markedlyWorse ? 'channel-worse' : 'status-no-data',
      text: v ? `${formatNumber(v.mean, indicator.max - indicator.min >= 50 ? 0 : 2)} (${v.responses})` : '—',
    });
    td.setAttribute('data-value', name);
    return td;
  };
  const head = el('tr', {}, [el('th', { text: 'Indicator' }), ...channels.map((c) => el('th', { text: c, attrs: { scope: 'col' } })),
    ...touchpoints.map((t) => el('th', { className: 'touchpoint', text: t, attrs: { scope: 'col' } }))]);
  const rows = indicators.map((i) => el('tr', { attrs: { 'data-indicator': i.indicatorId } }, [
    el('th', { text: i.label, attrs: { scope: 'row' } }),
    ...channels.map((c) => cell(i.byChannel, c, i)),
    ...touchpoints.map((t) => cell(i.byTouchpoint, t, i)),
  ]));
  $('channels-table').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

/** A site's service figures per channel (FCR, handling time, contacts per resolution) beside NPS and CSAT: what is measured against what matters. */
async function loadService(siteId) {
  let data;
  try {
    data = await api(`/api/service?site=${encodeURIComponent(siteId)}&days=30`);
  } catch {
    return;
  }
  if (siteId !== $('channels-site').value) return;
  const head = el('tr', {}, [`Channel (last ${data.days} days)`, 'Responses', 'Resolved at first contact', 'Handling time', 'Contacts per resolution',
    'NPS resolved first / not', 'CSAT resolved first / not', 'Handling time × CSAT'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const pair = (a, b, digits) => `${formatNumber(a, digits)} / ${formatNumber(b, digits)}`;
  const rows = (data.rows ?? []).map((r) => el('tr', { attrs: { 'data-channel': r.channel } }, [
    el('th', { text: r.channel, attrs: { scope: 'row' } }),
    el('td', { text: r.responses }),
    el('td', { text: r.firstContactResolutionRate == null ? '—' : `${formatNumber(r.firstContactResolutionRate, 1)} %` }),
    el('td', { text: r.meanHandlingSeconds == null ? '—' : `${formatNumber(r.meanHandlingSeconds, 0)} s` }),
    el('td', { text: formatNumber(r.contactsPerResolution) }),
    el('td', { text: pair(r.npsResolvedFirst, r.npsNotResolvedFirst, 0) }),
    el('td', { text: pair(r.csatResolvedFirst, r.csatNotResolvedFirst, 1) }),
    el('td', { text: r.handlingTimeCsatCorrelation == null ? '—' : `r = ${formatNumber(r.handlingTimeCsatCorrelation)}` }),
  ]));
  $('service-table').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows.length ? rows
    : [el('tr', {}, [el('td', { className: 'muted', text: 'No service figures at this site.', attrs: { colspan: 8 } })])]));
}

// ---------------------------------------------------------------- staff reports beside an alert

/** The negative staff reports at the alert's site over the last 7 days: per attribute or topic, by role (untrusted text: text only). */
async function loadStaffReports(siteId, alertId) {
  const list = $('detail-staff');
  if (!state.sites.has(siteId)) { list.replaceChildren(el('li', { className: 'muted', text: 'Not a site.' })); return; }
  let board;
  try {
    board = await api(`/api/staff-reports/board?days=7&site=${encodeURIComponent(siteId)}`);
  } catch {
    list.replaceChildren(el('li', { className: 'muted', text: 'Staff reports are not available.' }));
    return;
  }
  if ($('detail-body').dataset.alertId !== alertId) return; // another alert was opened meanwhile
  const rows = board.reasons ?? [];
  list.replaceChildren(...(rows.length ? rows.map((r) => el('li', { className: 'staff-report', attrs: { 'data-subject': r.reasonId } }, [
    el('span', { text: `${r.label}${r.catalogued ? '' : ' (topic)'}: ${r.count} negative report${r.count === 1 ? '' : 's'}` }),
    el('div', { className: 'verbatim-meta', text: `by ${counts(r.byChannel)}` }),
  ])) : [el('li', { className: 'muted', text: 'No negative staff report at this site in the last 7 days.' })]));
}

// ---------------------------------------------------------------- complaint reasons

/** "phone 12, email 3": a reason's complaints by channel or by site, the largest first (names are untrusted: text only). */
function counts(byKey, name = (k) => k) {
  return Object.entries(byKey ?? {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${name(k)} ${n}`).join(', ') || '—';
}

/** The reasons board of a region (or the network) over the last 7 days: each reason's complaints, per day, by channel and by site. */
async function loadReasons() {
  const regionId = $('reasons-region').value;
  let board;
  try {
    board = await api(`/api/complaints/board?days=7${regionId ? `&region=${encodeURIComponent(regionId)}` : ''}`);
  } catch {
    return;
  }
  if (regionId !== $('reasons-region').value) return;
  loadCorrelation(regionId);
  $('reasons-note').textContent = board.from
    ? `${board.total} complaints, ${formatTime(board.from)} → ${formatTime(board.to)}`
    : 'No complaint yet.';
  const head = el('tr', {}, ['Reason', 'Complaints', 'Per day', 'By channel', 'By site'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const rows = (board.reasons ?? []).map((r) => el('tr', { attrs: { 'data-reason': r.reasonId } }, [
    el('th', { text: r.catalogued ? r.label : `${r.label} (uncatalogued)`, attrs: { scope: 'row' } }),
    el('td', { text: r.count }),
    el('td', { text: formatNumber(r.perDay) }),
    el('td', { text: counts(r.byChannel) }),
    el('td', { text: counts(r.bySite, (siteId) => state.sites.get(siteId)?.name ?? siteId) }),
  ]));
  $('reasons-table').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

/** A region's measured correlation of each incident type with each attribute's dissatisfied share (site-days). */
async function loadCorrelation(regionId) {
  if (!regionId) {
    $('correlation-note').textContent = 'Choose a region: the correlation is measured per region.';
    $('correlation-table').replaceChildren();
    return;
  }
  let data;
  try {
    data = await api(`/api/regions/${encodeURIComponent(regionId)}/incident-correlation`);
  } catch {
    return;
  }
  if (regionId !== $('reasons-region').value) return;
  $('correlation-note').textContent = `Over the ${data.days} days through ${data.throughDay ?? '—'}, at least ${data.minSiteDays} site-days: how a day's incidents of a type go with the day's dissatisfied share of an attribute. Measured: at least ${data.minBearing} and clear of chance — the site alerts then cite those incidents too.`;
  const head = el('tr', {}, ['Incident type', 'Attribute', 'Correlation', 'Site-days', 'In the catalog', 'Measured'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const rows = (data.correlations ?? []).map((c) => el('tr', {}, [
    el('th', { text: c.incidentType, attrs: { scope: 'row' } }),
    el('td', { text: state.attributes.get(c.attributeId)?.label ?? c.attributeId }),
    el('td', { text: formatNumber(c.correlation) }),
    el('td', { text: c.siteDays }),
    el('td', { text: c.catalogued ? 'bears on it' : '—' }),
    el('td', { text: c.bears ? 'bears on it' : '—' }),
  ]));
  $('correlation-table').replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

// ---------------------------------------------------------------- journey indicators

function journeyIndicators() {
  return loadJourneyIndicators(api, (siteId) => state.sites.get(siteId)?.name ?? siteId);
}

// ---------------------------------------------------------------- start

function start() {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token-input').value.trim();
    $('token-input').value = '';
    if (token) signIn(token);
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('filter-region').addEventListener('change', () => {
    fillSites();
    if ($('filter-region').value) { $('board-region').value = $('filter-region').value; loadBoard(); }
    reload();
  });
  for (const id of ['filter-site', 'filter-attribute', 'filter-severity', 'filter-kind']) $(id).addEventListener('change', () => reload());
  $('board-region').addEventListener('change', loadBoard);
  $('channels-site').addEventListener('change', loadChannels);
  $('reasons-region').addEventListener('change', loadReasons);
  $('journey-indicators-by').addEventListener('change', journeyIndicators);
  $('ack-form').addEventListener('submit', (e) => { e.preventDefault(); act('ack'); });
  $('resolve-button').addEventListener('click', () => act('resolve'));
  $('related-close').addEventListener('click', () => closeView());
  $('ack-by').value = localStorage.getItem(NAME_KEY) ?? '';

  const token = readTokenFromFragment() ?? sessionStorage.getItem(TOKEN_KEY);
  if (token) signIn(token);
  else showLogin();
}

start();
