import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  firstParagraph,
  groups,
  location,
  summaryLine
} from "./chunk-3QKIYBWS.js";
import "./chunk-V4RWK56N.js";

// src/report/text.ts
var ICON = { fail: "\u2716", warn: "\u26A0", info: "\u2139" };
var COLOUR = { fail: "31", warn: "33", info: "36" };
function renderFinding(finding, paint, tag) {
  const where = location(finding);
  const head = `${paint(COLOUR[finding.severity], ICON[finding.severity])} ${paint("1", finding.standard)} ${finding.title}${tag ? paint("2", ` [${tag}]`) : ""}`;
  const message = finding.message.replace(/\n/g, "\n    ");
  const lines = [`  ${head}`, `    ${where ? `${paint("4", where)}: ` : ""}${message}`];
  if (finding.exemption) lines.push(`    exempted by ${finding.exemption.id}, approved by ${finding.exemption.approved_by}, until ${finding.exemption.expires}`);
  lines.push(`    how to fix: ${firstParagraph(finding.remediation)}`);
  lines.push(`    ${paint("2", "why:")}                  ${finding.links.standard}`);
  lines.push(`    ${paint("2", "propose a change:")}     ${finding.links.propose}`);
  lines.push(`    ${paint("2", "request an exemption:")} ${finding.links.exemption}`);
  return lines;
}
function renderText(report, options) {
  const paint = options.color ? (code, text) => `\x1B[${code}m${text}\x1B[0m` : (_code, text) => text;
  const g = groups(report);
  const out = [];
  const verdict = report.verdict === "fail" ? paint("1;31", "FAIL") : paint("1;32", "PASS");
  const where = [report.context.repository, report.context.mode === "scan" ? `scan of ${report.context.head}` : `${report.context.base} \u2192 ${report.context.head}`].filter(Boolean).join(", ");
  out.push(`standards: ${verdict}: ${summaryLine(report)} (${report.context.standards} standards; ${where})`);
  for (const notice of report.notices) out.push(paint("33", `note: ${notice}`));
  const section = (title, findings, tag) => {
    if (!findings.length) return;
    out.push("", paint("1", `${title} (${findings.length})`));
    for (const finding of findings) out.push(...renderFinding(finding, paint, tag), "");
    out.pop();
  };
  section("Failing", g.fail);
  section("Warnings", g.warn);
  section("Info", g.info);
  section("Exempted", g.exempted, "exempted");
  section("Pre-existing (already true at base; does not fail this change)", g.preExisting, "pre-existing");
  if (report.skipped.length) {
    out.push("", paint("2", "Not evaluated:"));
    for (const s of report.skipped) out.push(paint("2", `  ${s.standard} ${s.title}: ${s.reason}`));
  }
  if (!report.findings.length) out.push("", "No findings: this change meets every standard that applies to it.");
  return `${out.join("\n")}
`;
}
export {
  renderText
};
