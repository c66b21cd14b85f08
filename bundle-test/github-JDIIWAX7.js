import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import "./chunk-V4RWK56N.js";

// src/report/github.ts
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function renderGithub(report) {
  const lines = report.findings.map((finding) => {
    const command = finding.exemption || finding.pre_existing || finding.severity === "info" ? "notice" : finding.severity === "fail" ? "error" : "warning";
    const properties = [
      finding.file ? `file=${escapeProperty(finding.file)}` : "",
      finding.file && finding.line ? `line=${finding.line}` : "",
      `title=${escapeProperty(`${finding.standard} ${finding.title}${finding.exemption ? ` (exempted by ${finding.exemption.id})` : finding.pre_existing ? " (pre-existing)" : ""}`)}`
    ].filter(Boolean);
    const body = `${finding.message}
How to fix: ${finding.remediation}
Why: ${finding.links.standard}
Propose a change: ${finding.links.propose}
Request an exemption: ${finding.links.exemption}`;
    return `::${command} ${properties.join(",")}::${escapeData(body)}`;
  });
  for (const notice of report.notices) lines.push(`::warning title=standards::${escapeData(notice)}`);
  const { fail, warn, info } = report.summary;
  lines.push(`::notice title=standards::${escapeData(`${report.verdict === "fail" ? "Failing" : "Passing"}: ${fail} failing, ${warn} warnings, ${info} info`)}`);
  return `${lines.join("\n")}
`;
}
export {
  renderGithub
};
