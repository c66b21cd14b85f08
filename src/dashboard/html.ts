import type { DashboardData, DashboardRow, DashboardStatus } from './data.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const h = escapeHtml;

const STATUS_TEXT: Record<DashboardStatus, string> = { active: 'active', expiring: 'expiring soon', expired: 'expired' };

function badges(r: DashboardRow): string {
  const status = `<span class="badge badge-${r.status}">${STATUS_TEXT[r.status]}</span>`;
  // Unused and "still matching" are facts beside the status, never instead of it.
  const still = r.status === 'expired' && r.still_matching ? ` <span class="badge badge-still">still matches ${r.still_matching} ${r.still_matching === 1 ? 'finding' : 'findings'}</span>` : '';
  const unused = r.unused ? ' <span class="badge badge-unused">unused</span>' : '';
  return `${status}${still}${unused}`;
}

function options(values: Iterable<string>): string {
  return [...new Set(values)].sort().map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
}

/** The exemptions table's columns: header, what the cells sort by, and the cell. */
const COLUMNS: { key: string; label: string; sort: (r: DashboardRow) => string | number; cell: (r: DashboardRow) => string; className?: string }[] = [
  { key: 'id', label: 'ID', sort: (r) => r.id, cell: (r) => `<a href="${h(r.links.file)}">${h(r.id)}</a>` },
  { key: 'standard', label: 'Standard', sort: (r) => r.standard, cell: (r) => `<a href="${h(r.links.standard)}">${h(r.standard)}</a><br><small>${h(r.standard_title)}</small>` },
  { key: 'repos', label: 'Repositories', sort: (r) => r.repos.join(' '), cell: (r) => r.repos.map((repo) => `<code>${h(repo)}</code>`).join('<br>') },
  { key: 'paths', label: 'Paths', sort: (r) => (r.paths ?? []).join(' '), cell: (r) => (r.paths ? r.paths.map((p) => `<code>${h(p)}</code>`).join('<br>') : '<small>whole repository</small>') },
  { key: 'team', label: 'Team', sort: (r) => r.team, cell: (r) => h(r.team) },
  { key: 'reason', label: 'Reason', sort: (r) => r.reason, cell: (r) => `${h(r.reason)}${r.ticket ? ` <a href="${h(r.ticket)}">ticket</a>` : ''}`, className: 'reason' },
  { key: 'approved', label: 'Approved by', sort: (r) => r.approved_by, cell: (r) => h(r.approved_by) },
  { key: 'created', label: 'Created', sort: (r) => r.created, cell: (r) => r.created, className: 'date' },
  { key: 'expires', label: 'Expires', sort: (r) => r.expires, cell: (r) => r.expires, className: 'date' },
  { key: 'days', label: 'Days left', sort: (r) => r.days_left, cell: (r) => String(r.days_left), className: 'num' },
  { key: 'status', label: 'Status', sort: (r) => ['expired', 'expiring', 'active'].indexOf(r.status), cell: badges },
];

function row(r: DashboardRow): string {
  const search = [r.id, r.standard, r.standard_title, ...r.repos, ...(r.paths ?? []), r.team, r.reason, r.approved_by].join(' ').toLowerCase();
  const cells = COLUMNS.map((c, i) => {
    const value = c.sort(r);
    const attributes = `data-label="${h(c.label)}" data-sort="${h(String(value))}"${c.className ? ` class="${c.className}"` : ''}`;
    return i === 0 ? `<th scope="row" ${attributes}>${c.cell(r)}</th>` : `<td ${attributes}>${c.cell(r)}</td>`;
  });
  return `<tr data-team="${h(r.team)}" data-standard="${h(r.standard)}" data-status="${r.status}" data-unused="${r.unused}" data-still="${r.status === 'expired' && r.still_matching > 0}" data-repos="${h(r.repos.join(' '))}" data-search="${h(search)}">
  ${cells.join('\n  ')}
</tr>`;
}

/** A summary table: every column sorts, and on a phone each row stacks as a card. */
function table(caption: string, id: string, head: string[], body: string[][], empty: string, numeric: number[] = []): string {
  if (!body.length) return `<section aria-labelledby="${id}"><h2 id="${id}">${h(caption)}</h2><p class="empty">${h(empty)}</p></section>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${h(caption)}</h2><table class="summary sortable" id="t-${id}">
<thead><tr>${head.map((c, i) => `<th scope="col"><button type="button" class="sort" data-column="${i}"${numeric.includes(i) ? ' data-numeric="1"' : ''}>${h(c)}</button></th>`).join('')}</tr></thead>
<tbody>${body.map((cells) => `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row" data-label="${h(head[i]!)}">${c}</th>` : `<td data-label="${h(head[i]!)}"${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`).join('\n')}</tbody></table></section>`;
}

const LINE_STYLES = ['', '6 3', '2 3', '10 3 2 3', '1 5'];

/**
 * Lines over time as an inline SVG, readable without colour: each line has its own dash pattern
 * and its name written at its end, and the same figures are in a table beside it.
 */
export function lineChart(id: string, title: string, dates: string[], series: { name: string; values: number[] }[], marker?: { date: string; label: string }): string {
  if (dates.length < 2 || !series.length) return `<p class="empty">${h(title)}: needs two scans or more (standards dashboard --history DIR --record).</p>`;
  const width = 640;
  const height = 220;
  const left = 36;
  const right = 150;
  const top = 12;
  const bottom = 28;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => left + (i * (width - left - right)) / (dates.length - 1);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const lines = series
    .map((s, n) => {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      const last = s.values.at(-1)!;
      return `<g><title>${h(s.name)}: ${s.values.join(', ')}</title><polyline points="${points}" fill="none" class="line line-${n % 5}" stroke-dasharray="${LINE_STYLES[n % 5]}"></polyline>
<text x="${(x(dates.length - 1) + 6).toFixed(1)}" y="${(y(last) + 4).toFixed(1)}" class="label">${h(s.name)} (${last})</text></g>`;
    })
    .join('\n');
  const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" class="axis"></line>
<text x="${left}" y="${height - 8}" class="tick">${dates[0]}</text><text x="${width - right}" y="${height - 8}" text-anchor="end" class="tick">${dates.at(-1)}</text>
<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="tick">${max}</text><text x="${left - 6}" y="${height - bottom}" text-anchor="end" class="tick">0</text>`;
  let mark = '';
  if (marker) {
    const span = Date.parse(dates.at(-1)!) - Date.parse(dates[0]!);
    const at = Math.min(1, Math.max(0, (Date.parse(marker.date) - Date.parse(dates[0]!)) / (span || 1)));
    const mx = left + at * (width - left - right);
    mark = `<line x1="${mx.toFixed(1)}" y1="${top}" x2="${mx.toFixed(1)}" y2="${height - bottom}" class="marker"></line><text x="${(mx - 4).toFixed(1)}" y="${top + 10}" text-anchor="end" class="tick">${h(marker.label)}</text>`;
  }
  const rows = dates.map((d, i) => `<tr><th scope="row">${d}</th>${series.map((s) => `<td class="num">${s.values[i]}</td>`).join('')}</tr>`).join('');
  return `<figure class="chart"><div class="chart-scroll" tabindex="0" role="region" aria-label="${h(title)}"><svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${h(title)}</title>${axis}${mark}${lines}</svg></div>
<figcaption>${h(title)}</figcaption>
<details><summary>The figures</summary><table class="summary"><thead><tr><th scope="col">Date</th>${series.map((s) => `<th scope="col">${h(s.name)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></details></figure>`;
}

/** History charts: divergence of the five most divergent standards, deprecated languages against their sunset, active exemptions. */
function historySection(data: DashboardData): string {
  const history = data.history;
  if (!history.length) return '<section aria-labelledby="history"><h2 id="history">History</h2><p class="empty">No history yet. Each org scan can record a dated summary (<code>standards dashboard --history DIR --record</code>); with two or more, trends show here.</p></section>';
  const dates = history.map((s) => s.date);
  const latest = history.at(-1)!;
  const topStandards = Object.entries(latest.standards).sort((a, b) => b[1].findings - a[1].findings).slice(0, 5).map(([id]) => id);
  const divergence = lineChart('chart-divergence', 'Divergence per standard (findings), the five largest now', dates, topStandards.map((id) => ({ name: id, values: history.map((s) => s.standards[id]?.findings ?? 0) })));
  const languages = Object.entries(latest.languages)
    .map(([language, l]) => lineChart(`chart-lang-${language.replace(/[^A-Za-z0-9]/g, '-')}`, `Files left in ${language}, against its sunset on ${l.sunset}`, dates, [{ name: language, values: history.map((s) => s.languages[language]?.files ?? 0) }], { date: l.sunset, label: `sunset ${l.sunset}` }))
    .join('\n');
  const exemptions = lineChart('chart-exemptions', 'Active exemptions (active and expiring soon)', dates, [{ name: 'active', values: history.map((s) => s.exemptions.active + s.exemptions.expiring) }, { name: 'expired', values: history.map((s) => s.exemptions.expired) }]);
  return `<section aria-labelledby="history"><h2 id="history">History: ${history.length} scans, ${dates[0]} to ${dates.at(-1)}</h2>${divergence}${languages}${exemptions}</section>`;
}

/** Expiries per month as an inline SVG bar chart: no chart library, readable without JavaScript. */
export function expiryChart(expiries: DashboardData['expiries']): string {
  const width = 600;
  const height = 160;
  const barWidth = width / expiries.length;
  const max = Math.max(1, ...expiries.map((e) => e.count));
  const bars = expiries
    .map((e, i) => {
      const barHeight = Math.round((e.count / max) * (height - 40));
      const x = Math.round(i * barWidth + 6);
      return `<g><title>${e.month}: ${e.count} ${e.count === 1 ? 'exemption expires' : 'exemptions expire'}</title>
<rect x="${x}" y="${height - 20 - barHeight}" width="${Math.round(barWidth - 12)}" height="${barHeight}" class="bar"></rect>
<text x="${x + Math.round((barWidth - 12) / 2)}" y="${height - 24 - barHeight}" text-anchor="middle" class="count">${e.count || ''}</text>
<text x="${x + Math.round((barWidth - 12) / 2)}" y="${height - 6}" text-anchor="middle" class="month">${e.month.slice(2)}</text></g>`;
    })
    .join('\n');
  const rows = expiries.map((e) => `<tr><th scope="row">${e.month}</th><td class="num">${e.count}</td></tr>`).join('');
  return `<figure class="chart"><div class="chart-scroll" tabindex="0" role="region" aria-label="Exemption expiries over the next 12 months"><svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Exemption expiries over the next 12 months</title>${bars}</svg></div>
<details><summary>The figures</summary><table class="summary"><thead><tr><th scope="col">Month</th><th scope="col">Expiring</th></tr></thead><tbody>${rows}</tbody></table></details></figure>`;
}

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { margin-bottom: .25rem; } h2 { margin-top: 2rem; font-size: 1.2rem; } h3 { font-size: 1rem; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
td.num { text-align: right; } td.reason { max-width: 22rem; } td.date { white-space: nowrap; }
code { font-size: .85em; overflow-wrap: anywhere; }
a { color: #0550ae; }
.badge { border-radius: 1em; padding: .1em .6em; font-size: .8rem; white-space: nowrap; border: 1px solid; display: inline-block; margin: .1em 0; }
.badge-active { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.badge-expiring { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
.badge-expired { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.badge-still { background: #ffebe9; border-color: #a40e26; color: #82071e; font-weight: bold; }
.badge-unused { background: #eaeef2; border-color: #afb8c1; color: #424a53; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; margin: 1rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; gap: .2rem; }
form.filters select, form.filters input { max-width: 100%; font: inherit; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; margin: .75rem 0; }
.card { display: block; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; text-decoration: none; color: inherit; }
a.card:hover, a.card:focus { border-color: #0969da; box-shadow: 0 0 0 2px #0969da33; }
.card strong { font-size: 1.5rem; display: block; }
.card.alert strong { color: #a40e26; }
.tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.tops ol { margin: 0; padding-left: 1.5rem; } .tops li { margin: .15rem 0; }
svg .bar { fill: #0969da; } svg text { font-size: 12px; fill: #424a53; }
svg .line { stroke: #0969da; stroke-width: 2; } svg .line-1 { stroke: #8250df; } svg .line-2 { stroke: #bf3989; } svg .line-3 { stroke: #1a7f37; } svg .line-4 { stroke: #9a6700; }
svg .axis { stroke: #8c959f; } svg .marker { stroke: #a40e26; stroke-dasharray: 4 2; }
.chart { margin: 1rem 0; } .chart-scroll { overflow-x: auto; max-width: 100%; } .chart svg { max-width: none; }
button.sort { font: inherit; background: none; border: none; padding: 0; cursor: pointer; font-weight: bold; color: inherit; text-align: left; }
button.sort::after { content: " ↕"; color: #8c959f; }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; color: inherit; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; color: inherit; }
[hidden] { display: none !important; }
.sort-bar { display: none; gap: .5rem; align-items: end; margin: .5rem 0; font-size: .85rem; }
.empty { color: #57606a; }
#no-match { border: 1px dashed #d0d7de; padding: 1rem; border-radius: 6px; }
@media (max-width: 720px) {
  body { padding: .75rem; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tbody tr { border: 1px solid #d0d7de; border-radius: 6px; margin: 0 0 .75rem; padding: .25rem .5rem; }
  tbody th, tbody td { border: none; padding: .2rem 0; max-width: none; }
  tbody th[data-label]::before, tbody td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #57606a; }
  td.num { text-align: left; }
  .sort-bar { display: flex; }
}
`;

// Filtering and sorting only; without JavaScript every table is still there in full. The state
// (filters and sort) lives in the URL's fragment, so a filtered view can be shared as a link,
// and the triage cards are links that set it.
const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var table = document.getElementById('exemptions');
  var body = table.tBodies[0];
  var count = document.getElementById('shown');
  var empty = document.getElementById('no-match');
  var caption = document.getElementById('sort-caption');
  var FIELDS = ['team', 'standard', 'status', 'repo', 'q', 'flag'];
  var state = { sort: 'expires', dir: 'asc' };

  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    FIELDS.forEach(function (name) { form[name].value = params.get(name) || ''; });
    state.sort = params.get('sort') || 'expires';
    state.dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  }
  function writeHash() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (form[name].value) params.set(name, form[name].value); });
    if (state.sort !== 'expires' || state.dir !== 'asc') { params.set('sort', state.sort); params.set('dir', state.dir); }
    var hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }
  function sortTable(tbl, column, dir, numeric) {
    var rows = Array.prototype.slice.call(tbl.tBodies[0].rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].hasAttribute('data-sort') ? a.cells[column].getAttribute('data-sort') : a.cells[column].textContent;
      var y = b.cells[column].hasAttribute('data-sort') ? b.cells[column].getAttribute('data-sort') : b.cells[column].textContent;
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
      return dir === 'desc' ? -order : order;
    });
    rows.forEach(function (row) { tbl.tBodies[0].appendChild(row); });
    Array.prototype.forEach.call(tbl.tHead.rows[0].cells, function (th, i) {
      if (i === column) th.setAttribute('aria-sort', dir === 'desc' ? 'descending' : 'ascending'); else th.removeAttribute('aria-sort');
    });
  }
  function apply() {
    var v = {};
    FIELDS.forEach(function (name) { v[name] = form[name].value; });
    var text = v.q.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var d = row.dataset;
      var ok = (!v.team || d.team === v.team) && (!v.standard || d.standard === v.standard) && (!v.status || d.status === v.status) &&
        (!v.repo || d.repos.split(' ').indexOf(v.repo) >= 0) && (!text || d.search.indexOf(text) >= 0) &&
        (!v.flag || (v.flag === 'unused' ? d.unused === 'true' : d.still === 'true'));
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + body.rows.length + ' exemptions shown';
    empty.hidden = shown > 0;
    table.hidden = shown === 0;
    var header = table.tHead.rows[0].cells;
    var index = 0;
    Array.prototype.forEach.call(header, function (th, i) { if (th.getAttribute('data-key') === state.sort) index = i; });
    sortTable(table, index, state.dir, header[index].getAttribute('data-numeric') === '1');
    caption.textContent = 'Sorted by ' + header[index].getAttribute('data-label') + ', ' + (state.dir === 'asc' ? 'ascending' : 'descending') + '.';
    document.getElementById('sort-by').value = state.sort;
    document.getElementById('sort-dir').value = state.dir;
  }
  form.addEventListener('input', function () { apply(); writeHash(); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      state.dir = state.sort === key && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = key;
      apply(); writeHash();
    });
  });
  document.getElementById('sort-by').addEventListener('change', function (e) { state.sort = e.target.value; state.dir = 'asc'; apply(); writeHash(); });
  document.getElementById('sort-dir').addEventListener('change', function (e) { state.dir = e.target.value; apply(); writeHash(); });
  document.getElementById('clear').addEventListener('click', function (e) {
    e.preventDefault();
    FIELDS.forEach(function (name) { form[name].value = ''; });
    apply(); writeHash();
    form.team.focus();
  });
  // The summary tables sort on every column too (their order is not kept in the URL).
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (tbl) {
    Array.prototype.forEach.call(tbl.tHead.rows[0].cells, function (th, i) {
      var button = th.querySelector('button');
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'desc' : 'asc';
        sortTable(tbl, i, dir, button.getAttribute('data-numeric') === '1');
      });
    });
  });
  window.addEventListener('hashchange', function () { readHash(); apply(); });
  readHash();
  apply();
})();
`;

function card(count: number, text: string, href: string, alert = false): string {
  return `<a class="card${alert && count ? ' alert' : ''}" href="${h(href)}"><strong>${count}</strong>${h(text)}</a>`;
}

function topList(title: string, items: { label: string; count: number; href: string }[], unit: string, empty: string): string {
  const counted = (n: number) => `${n} ${n === 1 ? unit : `${unit}s`}`;
  return `<div><h3>${h(title)}</h3>${items.length ? `<ol>${items.map((i) => `<li><a href="${h(i.href)}">${h(i.label)}</a>: ${counted(i.count)}</li>`).join('')}</ol>` : `<p class="empty">${h(empty)}</p>`}</div>`;
}

/** The dashboard as one self-contained HTML page: no CDN, works from file:// and any static host. */
export function renderDashboard(data: DashboardData): string {
  const rows = data.rows;
  const { triage } = data;
  const count = (status: DashboardStatus) => rows.filter((r) => r.status === status).length;
  const cards = [
    card(triage.expiringSoon, 'expiring within 30 days', '#status=expiring', true),
    card(triage.expiredStillUsed, 'expired, still matching findings', '#flag=still', true),
    card(triage.pastReview, 'standards past their review date', '#past-review', true),
    card(count('active'), 'active', '#status=active'),
    card(count('expired'), 'expired', '#status=expired'),
    ...(data.withReports ? [card(rows.filter((r) => r.unused).length, 'unused (no report needed them)', '#flag=unused')] : []),
  ].join('');
  const tops = [
    topList('Most exempted standards', triage.topStandardsByExemptions.map((t) => ({ label: `${t.standard} ${t.title}`, count: t.count, href: `#standard=${encodeURIComponent(t.standard)}` })), 'exemption', 'No exemptions.'),
    topList('Teams with the most exemptions', triage.topTeamsByExemptions.map((t) => ({ label: t.team, count: t.count, href: `#team=${encodeURIComponent(t.team)}` })), 'exemption', 'No exemptions.'),
    ...(data.withReports
      ? [
          topList('Most divergent standards', triage.topStandardsByDivergence.map((t) => ({ label: `${t.standard} ${t.title}`, count: t.count, href: '#divergence' })), 'finding', 'No divergence in the reports.'),
          topList('Teams owning the most divergence', triage.topTeamsByDivergence.map((t) => ({ label: t.team, count: t.count, href: '#divergence' })), 'finding', 'No divergence in the reports.'),
        ]
      : []),
  ].join('');
  const reportSections = data.withReports
    ? [
        table('Compliance per repository', 'compliance', ['Repository', 'Failing', 'Warnings', 'Info', 'Exempted'], data.compliance.map((c) => [`<code>${h(c.repository)}</code>`, String(c.fail), String(c.warn), String(c.info), String(c.exempted)]), 'No reports.', [1, 2, 3, 4]),
        table('Divergence per standard', 'divergence', ['Standard', 'Title', 'Findings', 'Repositories'], data.divergence.map((d) => [`<a href="${h(d.link)}">${h(d.standard)}</a>`, h(d.title), String(d.findings), String(d.repositories)]), 'No divergence in the reports.', [2, 3]),
        table('Files left in deprecated languages', 'languages', ['Language', 'Files', 'Repositories', 'Sunset'], data.deprecatedLanguages.map((l) => [h(l.language), String(l.files), String(l.repositories), l.sunset]), 'No deprecated languages in the reports.', [1, 2]),
      ].join('\n')
    : '<p class="empty">Build with <code>--reports DIR</code> (a folder of <code>standards scan --format json</code> outputs) to see compliance per repository, divergence per standard and unused exemptions.</p>';
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const header = COLUMNS.map(
    (c) => `<th scope="col" data-key="${c.key}" data-label="${h(c.label)}"${c.key === 'days' ? ' data-numeric="1"' : ''}${c.key === 'expires' ? ' aria-sort="ascending"' : ''}><button type="button" class="sort">${h(c.label)}</button></th>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(data.organisation)} standards dashboard</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${h(data.organisation)} standards dashboard</h1>
<p>As of ${data.generated}: what needs attention first, then every exemption (a reviewed, expiring decision), then divergence and its trend.</p>
</header>
<main>
<section aria-labelledby="triage">
<h2 id="triage">Needs attention</h2>
<nav class="cards" aria-label="Filter the exemptions">${cards}</nav>
<div class="tops">${tops}</div>
</section>
<section aria-labelledby="all-exemptions">
<h2 id="all-exemptions">Exemptions</h2>
<form id="filters" class="filters" role="search" aria-label="Filter the exemptions">
<label for="f-team">Team<select id="f-team" name="team"><option value="">All teams</option>${options(rows.map((r) => r.team))}</select></label>
<label for="f-standard">Standard<select id="f-standard" name="standard"><option value="">All standards</option>${options(rows.map((r) => r.standard))}</select></label>
<label for="f-status">Status<select id="f-status" name="status"><option value="">Any status</option><option value="active">active</option><option value="expiring">expiring soon</option><option value="expired">expired</option></select></label>
<label for="f-flag">Also<select id="f-flag" name="flag"><option value="">Any</option><option value="still">expired, still matching findings</option><option value="unused">unused</option></select></label>
<label for="f-repo">Repository<select id="f-repo" name="repo"><option value="">All repositories</option>${options(rows.flatMap((r) => r.repos))}</select></label>
<label for="f-q">Search<input id="f-q" name="q" type="search" placeholder="id, reason, path…"></label>
</form>
<div class="sort-bar"><label for="sort-by">Sort by <select id="sort-by">${COLUMNS.map((c) => `<option value="${c.key}">${h(c.label)}</option>`).join('')}</select></label>
<label for="sort-dir">Order <select id="sort-dir"><option value="asc">ascending</option><option value="desc">descending</option></select></label></div>
<p id="shown" aria-live="polite">${rows.length} exemptions</p>
<p id="no-match" hidden>No exemption matches these filters. <a href="#" id="clear">Clear the filters</a> to see all ${rows.length}.</p>
<table id="exemptions">
<caption id="sort-caption" class="empty">Sorted by Expires, ascending.</caption>
<thead><tr>${header.join('')}</tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody>
</table>
</section>
${historySection(data)}
${table('Most-exempted standards', 'most-exempted', ['Standard', 'Title', 'Exemptions', 'Teams', 'Change it?'], data.mostExempted.map((m) => [`<a href="${h(m.link)}">${h(m.standard)}</a>`, h(m.title), String(m.exemptions), String(m.teams), `<a href="${h(m.propose)}">propose a change</a>`]), 'No exemptions.', [2, 3])}
${table('Exemptions per team', 'per-team', ['Team', 'Exemptions', 'Active', 'Expiring', 'Expired'], data.perTeam.map((t) => [h(t.team), String(t.exemptions), String(t.active), String(t.expiring), String(t.expired)]), 'No exemptions.', [1, 2, 3, 4])}
<section aria-labelledby="expiries"><h2 id="expiries">Expiries over the next 12 months</h2>${expiryChart(data.expiries)}</section>
${table('Standards past their review date', 'past-review', ['Standard', 'Title', 'Owner', 'Review by'], data.pastReview.map((p) => [`<a href="${h(p.link)}">${h(p.standard)}</a>`, h(p.title), h(p.owner), p.review_by]), 'Every standard is within its review date.')}
${reportSections}
</main>
<script type="application/json" id="dashboard-data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
