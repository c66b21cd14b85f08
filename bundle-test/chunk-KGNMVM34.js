import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  firstParagraph,
  groups,
  location,
  summaryLine
} from "./chunk-3QKIYBWS.js";

// src/report/markdown.ts
var EMOJI = { fail: "\u274C", warn: "\u26A0\uFE0F", info: "\u2139\uFE0F" };
function cell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").split(/\r?\n/).map((line, i) => i === 0 ? line : line.replace(/^ +/, (spaces) => "&nbsp;".repeat(spaces.length))).join("<br>");
}
function code(text) {
  return text ? `<code>${cell(text).replace(/`/g, "&#96;")}</code>` : "";
}
function linksCell(finding) {
  const { standard, propose, exemption } = finding.links;
  return `[why](${standard}) \xB7 [propose a change](${propose}) \xB7 [request an exemption](${exemption})`;
}
function table(findings) {
  return [
    "| | Standard | Where | Finding | How to fix | Links |",
    "|---|---|---|---|---|---|",
    ...findings.map((f) => {
      const exemption = f.exemption ? ` _(exempted by ${cell(f.exemption.id)} until ${f.exemption.expires})_` : "";
      return `| ${EMOJI[f.severity]} | [${f.standard}](${f.links.standard}) ${cell(f.title)} | ${code(location(f))} | ${cell(f.message)}${exemption} | ${cell(firstParagraph(f.remediation))} | ${linksCell(f)} |`;
    })
  ];
}
function renderMarkdown(report, options = {}) {
  const g = groups(report);
  const icon = report.verdict === "fail" ? "\u274C" : g.warn.length ? "\u26A0\uFE0F" : "\u2705";
  const out = [`## ${icon} Standards: ${report.verdict === "fail" ? "failing" : "passing"}`, "", summaryLine(report), ""];
  for (const notice of report.notices) out.push(`> **Note:** ${cell(notice)}`, "");
  const current = [...g.fail, ...g.warn, ...g.info];
  if (current.length) out.push(...table(current), "");
  else out.push("No findings: this change meets every standard that applies to it.", "");
  const details = (summary, findings) => {
    if (findings.length) out.push(`<details><summary>${summary} (${findings.length})</summary>`, "", ...table(findings), "", "</details>", "");
  };
  details("Exempted", g.exempted);
  details("Pre-existing: already true at base, not failing this change", g.preExisting);
  if (report.skipped.length) {
    out.push(`<details><summary>Not evaluated (${report.skipped.length})</summary>`, "");
    for (const s of report.skipped) out.push(`- **${s.standard}** ${cell(s.title)}: ${cell(s.reason)}`);
    out.push("", "</details>", "");
  }
  const footer = [`Checked ${report.context.standards} standards on ${report.context.date}`];
  if (options.proposalProcess) footer.push(`disagree with a standard? [propose a change](${options.proposalProcess})`);
  out.push(`<sub>${footer.join(" \xB7 ")}</sub>`);
  return `${out.join("\n")}
`;
}

export {
  cell,
  linksCell,
  renderMarkdown
};
