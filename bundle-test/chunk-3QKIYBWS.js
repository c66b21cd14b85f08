import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/report/format.ts
function location(finding) {
  if (!finding.file) return "";
  return finding.line ? `${finding.file}:${finding.line}` : finding.file;
}
function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}
function summaryLine(report) {
  const { fail, warn, info, exempted, pre_existing } = report.summary;
  const parts = [`${fail} failing`, plural(warn, "warning"), `${info} info`];
  if (exempted) parts.push(`${exempted} exempted`);
  if (pre_existing) parts.push(`${pre_existing} pre-existing`);
  return parts.join(", ");
}
function firstParagraph(markdown) {
  return markdown.trim().split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, " ");
}
function groups(report) {
  const active = report.findings.filter((f) => !f.pre_existing && !f.exemption);
  return {
    fail: active.filter((f) => f.severity === "fail"),
    warn: active.filter((f) => f.severity === "warn"),
    info: active.filter((f) => f.severity === "info"),
    exempted: report.findings.filter((f) => f.exemption),
    preExisting: report.findings.filter((f) => f.pre_existing && !f.exemption)
  };
}

export {
  location,
  summaryLine,
  firstParagraph,
  groups
};
