// The journey and account views of the live page: opened from a watermelon or divergence factor of the alert detail,
// they show GET /api/journeys/{id} (numbers, red rules, timeline) or GET /api/accounts/{id} (score by contact role) in
// the detail's related panel. Every text of the API is untrusted: rendered with textContent only (see el).

import { el, formatNumber, formatTime } from './ui.js';

let request = 0; // bumps on every open or close: a late answer for an earlier one is dropped

const $ = (id) => document.getElementById(id);

/** A journey's timeline, one line a step, as text (the watermelon factor's short form). */
export function timeline(steps) {
  return el('ol', { className: 'timeline' }, (steps ?? []).map((s) => el('li', {
    text: [formatTime(s.at), s.kind, s.department, s.step, s.score != null ? `${formatNumber(s.score)}/10` : null].filter((x) => x).join(' · '),
  })));
}

/** A button showing an id that opens its view; api: the page's authenticated fetch of JSON. */
export function viewLink(kind, id, api) {
  const open = kind === 'journey' ? openJourney : openAccount;
  const button = el('button', { className: 'link-button', text: id, attrs: { type: 'button', [`data-${kind}-id`]: id, title: `Show ${kind} ${id}` } });
  button.addEventListener('click', (e) => { e.stopPropagation(); open(id, api); });
  return button;
}

/** Hides the panel (another alert was selected); an answer still on its way is dropped. */
export function closeView() {
  request++;
  $('related').hidden = true;
  $('related-body').replaceChildren();
}

export function openJourney(journeyId, api) {
  return show('journey', journeyId, `/api/journeys/${encodeURIComponent(journeyId)}`, api, (j) => journeyBody(j, api));
}

export function openAccount(accountId, api) {
  return show('account', accountId, `/api/accounts/${encodeURIComponent(accountId)}`, api, accountBody);
}

async function show(kind, id, path, api, render) {
  const mine = ++request;
  const panel = $('related');
  panel.hidden = false;
  panel.dataset.view = kind;
  panel.dataset.id = id;
  panel.dataset.state = 'loading';
  $('related-title').textContent = `${kind === 'journey' ? 'Journey' : 'Account'} ${id}`;
  $('related-body').replaceChildren(el('p', { className: 'muted', text: 'Loading…' }));
  let data;
  try {
    data = await api(path);
  } catch (e) {
    if (mine !== request) return;
    panel.dataset.state = 'error';
    const reason = e.message === 'unauthorized' ? 'the token was refused' : e.message;
    $('related-body').replaceChildren(el('p', { className: 'error related-error', text: `Could not show ${kind} ${id}: ${reason}.`, attrs: { role: 'alert' } }));
    return;
  }
  if (mine !== request) return;
  panel.dataset.state = 'ready';
  $('related-body').replaceChildren(...render(data));
}

function facts(pairs) {
  return el('dl', { className: 'facts' }, pairs.flatMap(([label, value]) => [el('dt', { text: label }), value instanceof Node ? el('dd', {}, [value]) : el('dd', { text: value ?? '—' })]));
}

/** A table with a header row; rows: its tr elements. */
function table(headers, rows) {
  return el('table', { className: 'steps' }, [
    el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
    el('tbody', {}, rows),
  ]);
}

const yesNo = (value) => (value ? 'yes' : 'no');
const score = (value) => (value != null ? `${formatNumber(value)}/10` : '—');
const list = (values) => (values?.length ? values.join(', ') : '—');

function journeyBody(j, api) {
  return [
    facts([
      ['Customer', j.customerId], ['Account', j.accountId ? viewLink('account', j.accountId, api) : '—'], ['Site', j.siteId],
      ['Opened', formatTime(j.openedAt)], ['Last event', formatTime(j.lastEventAt)], ['Closed', j.closedAt ? formatTime(j.closedAt) : 'still open'],
      ['Outcome', j.outcome], ['Contacts', j.contacts], ['Departments', list(j.departments)],
      ['Interactions (0-10)', score(j.meanInteractionScore)], ['Journey (0-10)', score(j.journeyScore)],
      ['Churned', j.churnEventId ? `yes (${j.churnEventId})` : 'no'], ['Red because', list(j.redRules)],
      ['Watermelon', yesNo(j.watermelon)], ['Alert', j.alertId],
    ]),
    table(['When', 'What', 'Department', 'Step', 'Score'], (j.timeline ?? []).map((s) => el('tr', { attrs: { 'data-kind': s.kind } }, [
      el('td', { text: formatTime(s.at) }), el('td', { text: s.kind }), el('td', { text: s.department ?? '—' }),
      el('td', { text: s.step ?? '—' }), el('td', { className: 'num', text: score(s.score) }),
    ]))),
  ];
}

function accountBody(a) {
  const roles = a.roles ?? [];
  const means = roles.map((r) => r.mean);
  const high = Math.max(...means), low = Math.min(...means);
  return [
    facts([
      ['Site', a.siteId], ['Diverging', yesNo(a.diverging)], ['Gap between roles', roles.length > 1 ? formatNumber(high - low) : '—'],
      ['Churned', a.churnEventId ? `yes (${a.churnEventId})` : 'no'], ['Alert', a.alertId],
    ]),
    table(['Role', 'Mean score', 'Responses'], roles.map((r) => el('tr', {
      className: roles.length > 1 && r.mean === high ? 'role-high' : roles.length > 1 && r.mean === low ? 'role-low' : '',
      attrs: { 'data-role': r.role },
    }, [el('th', { text: r.role, attrs: { scope: 'row' } }), el('td', { className: 'num', text: score(r.mean) }), el('td', { className: 'num', text: r.count })]))),
  ];
}
