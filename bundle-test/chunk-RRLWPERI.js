import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  exemptionRows
} from "./chunk-QMKHOC55.js";
import {
  addDays,
  matchesGlob
} from "./chunk-EK3ESDIM.js";
import {
  proposeLink,
  standardLink
} from "./chunk-34TOCUEK.js";

// src/dashboard/data.ts
var repositoryOf = (report) => report.context.repository ?? "(unnamed)";
function dashboardData(options2) {
  const { config, standards, exemptions, reports, today } = options2;
  const byId = new Map(standards.map((s) => [s.id, s]));
  const used = new Set(reports.flatMap((r) => [...r.exemptions.applied, ...r.exemptions.expired].map((e) => e.id)));
  const reported = reports.map(repositoryOf);
  const rows = exemptionRows(exemptions, standards, today, config.exemptions.warn_days).map((row2) => {
    const covered = reported.some((repo) => row2.repos.some((glob) => matchesGlob(repo, glob, { nocase: true })));
    const standard = byId.get(row2.standard);
    return {
      ...row2,
      badge: row2.status !== "expired" && covered && !used.has(row2.id) ? "unused" : row2.status,
      team: row2.requested_by ?? row2.standard_owner,
      links: { file: `${config.repository.url}/blob/${config.repository.default_branch}/${row2.file}`, standard: standard ? standardLink(config, standard) : "" }
    };
  });
  const grouped = /* @__PURE__ */ new Map();
  for (const row2 of rows) grouped.set(row2.standard, [...grouped.get(row2.standard) ?? [], row2]);
  const mostExempted = [...grouped.entries()].map(([id, list]) => ({
    standard: id,
    title: byId.get(id)?.title ?? "",
    exemptions: list.length,
    teams: new Set(list.map((r) => r.team)).size,
    propose: byId.get(id) ? proposeLink(config, byId.get(id)) : "",
    link: byId.get(id) ? standardLink(config, byId.get(id)) : ""
  })).sort((a, b) => b.exemptions - a.exemptions || b.teams - a.teams || a.standard.localeCompare(b.standard));
  const teams = /* @__PURE__ */ new Map();
  for (const row2 of rows) teams.set(row2.team, [...teams.get(row2.team) ?? [], row2]);
  const perTeam = [...teams.entries()].map(([team, list]) => ({ team, exemptions: list.length, active: list.filter((r) => r.status === "active").length, expiring: list.filter((r) => r.status === "expiring").length, expired: list.filter((r) => r.status === "expired").length })).sort((a, b) => b.exemptions - a.exemptions || a.team.localeCompare(b.team));
  const expiries = Array.from({ length: 12 }, (_, i) => {
    const first = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + i, 1)).toISOString().slice(0, 7);
    return { month: first, count: rows.filter((r) => r.expires.startsWith(first) && r.expires >= today && r.expires <= addDays(today, 366)).length };
  });
  const pastReview = standards.filter((s) => s.status !== "superseded" && s.review_by < today).map((s) => ({ standard: s.id, title: s.title, owner: s.owner, review_by: s.review_by, link: standardLink(config, s) }));
  const compliance = reports.map((r) => ({ repository: repositoryOf(r), fail: r.summary.fail, warn: r.summary.warn, info: r.summary.info, exempted: r.summary.exempted })).sort((a, b) => b.fail - a.fail || b.warn - a.warn || a.repository.localeCompare(b.repository));
  const divergenceBy = /* @__PURE__ */ new Map();
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.exemption || finding.message_id === "exemption-expiring") continue;
      const entry = divergenceBy.get(finding.standard) ?? { findings: 0, repositories: /* @__PURE__ */ new Set() };
      entry.findings++;
      entry.repositories.add(repositoryOf(report));
      divergenceBy.set(finding.standard, entry);
    }
  }
  const divergence = [...divergenceBy.entries()].map(([id, entry]) => ({ standard: id, title: byId.get(id)?.title ?? "", findings: entry.findings, repositories: entry.repositories.size, link: byId.get(id) ? standardLink(config, byId.get(id)) : "" })).sort((a, b) => b.findings - a.findings || a.standard.localeCompare(b.standard));
  const languages = /* @__PURE__ */ new Map();
  for (const report of reports) {
    const deprecated = report.facts.language?.deprecated ?? {};
    for (const [language, { files, sunset }] of Object.entries(deprecated)) {
      const entry = languages.get(language) ?? { files: 0, repositories: 0, sunset };
      entry.files += files;
      if (files) entry.repositories++;
      languages.set(language, entry);
    }
  }
  const deprecatedLanguages = [...languages.entries()].map(([language, entry]) => ({ language, ...entry })).sort((a, b) => b.files - a.files);
  return { organisation: config.organisation, generated: today, withReports: reports.length > 0, rows, mostExempted, perTeam, expiries, pastReview, compliance, divergence, deprecatedLanguages };
}

// src/dashboard/html.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
var h = escapeHtml;
var BADGE_TEXT = { active: "active", expiring: "expiring soon", expired: "expired", unused: "unused" };
function badge(status) {
  return `<span class="badge badge-${status}">${BADGE_TEXT[status]}</span>`;
}
function options(values) {
  return [...new Set(values)].sort().map((v) => `<option value="${h(v)}">${h(v)}</option>`).join("");
}
function row(r) {
  const search = [r.id, r.standard, r.standard_title, ...r.repos, ...r.paths ?? [], r.team, r.reason, r.approved_by].join(" ").toLowerCase();
  return `<tr data-team="${h(r.team)}" data-standard="${h(r.standard)}" data-status="${r.badge}" data-repos="${h(r.repos.join(" "))}" data-expires="${r.expires}" data-search="${h(search)}">
  <th scope="row"><a href="${h(r.links.file)}">${h(r.id)}</a></th>
  <td><a href="${h(r.links.standard)}">${h(r.standard)}</a><br><small>${h(r.standard_title)}</small></td>
  <td>${r.repos.map((repo) => `<code>${h(repo)}</code>`).join("<br>")}</td>
  <td>${r.paths ? r.paths.map((p) => `<code>${h(p)}</code>`).join("<br>") : "<small>whole repository</small>"}</td>
  <td>${h(r.team)}</td>
  <td class="reason">${h(r.reason)}${r.ticket ? ` <a href="${h(r.ticket)}">ticket</a>` : ""}</td>
  <td>${h(r.approved_by)}</td>
  <td class="date">${r.created}</td>
  <td class="date">${r.expires}</td>
  <td class="num">${r.days_left}</td>
  <td>${badge(r.badge)}</td>
</tr>`;
}
function table(caption, id, head, body, empty) {
  if (!body.length) return `<section aria-labelledby="${id}"><h2 id="${id}">${h(caption)}</h2><p class="empty">${h(empty)}</p></section>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${h(caption)}</h2><table class="summary">
<thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join("")}</tr></thead>
<tbody>${body.map((cells) => `<tr>${cells.map((c, i) => i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`).join("")}</tr>`).join("\n")}</tbody></table></section>`;
}
function expiryChart(expiries) {
  const width = 600;
  const height = 160;
  const barWidth = width / expiries.length;
  const max = Math.max(1, ...expiries.map((e) => e.count));
  const bars = expiries.map((e, i) => {
    const barHeight = Math.round(e.count / max * (height - 40));
    const x = Math.round(i * barWidth + 6);
    return `<g><title>${e.month}: ${e.count} ${e.count === 1 ? "exemption expires" : "exemptions expire"}</title>
<rect x="${x}" y="${height - 20 - barHeight}" width="${Math.round(barWidth - 12)}" height="${barHeight}" class="bar"></rect>
<text x="${x + Math.round((barWidth - 12) / 2)}" y="${height - 24 - barHeight}" text-anchor="middle" class="count">${e.count || ""}</text>
<text x="${x + Math.round((barWidth - 12) / 2)}" y="${height - 6}" text-anchor="middle" class="month">${e.month.slice(2)}</text></g>`;
  }).join("\n");
  return `<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Exemption expiries over the next 12 months</title>${bars}</svg>`;
}
var STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { margin-bottom: .25rem; } h2 { margin-top: 2rem; font-size: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
td.num { text-align: right; } td.reason { max-width: 22rem; } td.date { white-space: nowrap; }
code { font-size: .85em; }
.badge { border-radius: 1em; padding: .1em .6em; font-size: .8rem; white-space: nowrap; border: 1px solid; }
.badge-active { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.badge-expiring { background: #fff8c5; border-color: #d4a72c; color: #7d4e00; }
.badge-expired { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
.badge-unused { background: #eaeef2; border-color: #afb8c1; color: #424a53; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; margin: 1rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; gap: .2rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; } .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; }
.card strong { font-size: 1.4rem; display: block; }
svg .bar { fill: #0969da; } svg text { font-size: 11px; fill: #57606a; }
button.sort { font: inherit; background: none; border: none; padding: 0; cursor: pointer; font-weight: bold; }
.empty { color: #57606a; }
`;
var SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var body = document.querySelector('#exemptions tbody');
  var count = document.getElementById('shown');
  function apply() {
    var team = form.team.value, standard = form.standard.value, status = form.status.value, repo = form.repo.value;
    var text = form.q.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!team || row.dataset.team === team) && (!standard || row.dataset.standard === standard) &&
        (!status || row.dataset.status === status) && (!repo || row.dataset.repos.split(' ').indexOf(repo) >= 0) &&
        (!text || row.dataset.search.indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + body.rows.length + ' exemptions shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  var sort = document.getElementById('sort-expires');
  sort.addEventListener('click', function () {
    var descending = sort.getAttribute('data-order') === 'asc';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) { return (a.dataset.expires < b.dataset.expires ? -1 : a.dataset.expires > b.dataset.expires ? 1 : 0) * (descending ? -1 : 1); });
    rows.forEach(function (row) { body.appendChild(row); });
    sort.setAttribute('data-order', descending ? 'desc' : 'asc');
    sort.closest('th').setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    sort.textContent = 'Expires ' + (descending ? '\u25BC' : '\u25B2');
  });
  apply();
})();
`;
function renderDashboard(data) {
  const rows = data.rows;
  const count = (status) => rows.filter((r) => r.badge === status).length;
  const cards = ["active", "expiring", "expired", "unused"].filter((s) => s !== "unused" || data.withReports).map((s) => `<div class="card"><strong>${count(s)}</strong>${BADGE_TEXT[s]}</div>`).join("");
  const reportSections = data.withReports ? [
    table("Compliance per repository", "compliance", ["Repository", "Failing", "Warnings", "Info", "Exempted"], data.compliance.map((c) => [`<code>${h(c.repository)}</code>`, String(c.fail), String(c.warn), String(c.info), String(c.exempted)]), "No reports."),
    table("Divergence per standard", "divergence", ["Standard", "Title", "Findings", "Repositories"], data.divergence.map((d) => [`<a href="${h(d.link)}">${h(d.standard)}</a>`, h(d.title), String(d.findings), String(d.repositories)]), "No divergence in the reports."),
    table("Files left in deprecated languages", "languages", ["Language", "Files", "Repositories", "Sunset"], data.deprecatedLanguages.map((l) => [h(l.language), String(l.files), String(l.repositories), l.sunset]), "No deprecated languages in the reports.")
  ].join("\n") : '<p class="empty">Build with <code>--reports DIR</code> (a folder of <code>standards scan --format json</code> outputs) to see compliance per repository, divergence per standard and unused exemptions.</p>';
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(data.organisation)} standards: exemptions</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${h(data.organisation)} standards: exemptions</h1>
<p>As of ${data.generated}. Every exemption is a reviewed, expiring decision; this page shows what is exempt, why, who approved it, and until when.</p>
<div class="cards">${cards}</div>
</header>
<main>
<section aria-labelledby="all-exemptions">
<h2 id="all-exemptions">All exemptions</h2>
<form id="filters" class="filters" role="search">
<label for="f-team">Team<select id="f-team" name="team"><option value="">All teams</option>${options(rows.map((r) => r.team))}</select></label>
<label for="f-standard">Standard<select id="f-standard" name="standard"><option value="">All standards</option>${options(rows.map((r) => r.standard))}</select></label>
<label for="f-status">Status<select id="f-status" name="status"><option value="">Any status</option>${options(rows.map((r) => r.badge))}</select></label>
<label for="f-repo">Repository<select id="f-repo" name="repo"><option value="">All repositories</option>${options(rows.flatMap((r) => r.repos))}</select></label>
<label for="f-q">Search<input id="f-q" name="q" type="search" placeholder="id, reason, path\u2026"></label>
</form>
<p id="shown" aria-live="polite">${rows.length} exemptions</p>
<table id="exemptions">
<caption class="empty">Soonest expiry first.</caption>
<thead><tr>
<th scope="col">ID</th><th scope="col">Standard</th><th scope="col">Repositories</th><th scope="col">Paths</th><th scope="col">Team</th>
<th scope="col">Reason</th><th scope="col">Approved by</th><th scope="col">Created</th>
<th scope="col" aria-sort="ascending"><button type="button" class="sort" id="sort-expires" data-order="asc">Expires \u25B2</button></th>
<th scope="col">Days left</th><th scope="col">Status</th>
</tr></thead>
<tbody>
${rows.map(row).join("\n")}
</tbody>
</table>
</section>
${table("Most-exempted standards", "most-exempted", ["Standard", "Title", "Exemptions", "Teams", "Change it?"], data.mostExempted.map((m) => [`<a href="${h(m.link)}">${h(m.standard)}</a>`, h(m.title), String(m.exemptions), String(m.teams), `<a href="${h(m.propose)}">propose a change</a>`]), "No exemptions.")}
${table("Exemptions per team", "per-team", ["Team", "Exemptions", "Active", "Expiring", "Expired"], data.perTeam.map((t) => [h(t.team), String(t.exemptions), String(t.active), String(t.expiring), String(t.expired)]), "No exemptions.")}
<section aria-labelledby="expiries"><h2 id="expiries">Expiries over the next 12 months</h2>${expiryChart(data.expiries)}</section>
${table("Standards past their review date", "past-review", ["Standard", "Title", "Owner", "Review by"], data.pastReview.map((p) => [`<a href="${h(p.link)}">${h(p.standard)}</a>`, h(p.title), h(p.owner), p.review_by]), "Every standard is within its review date.")}
${reportSections}
</main>
<script type="application/json" id="dashboard-data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export {
  dashboardData,
  renderDashboard
};
