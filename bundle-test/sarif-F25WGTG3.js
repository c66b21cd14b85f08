import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  exemptionLink,
  proposeLink,
  standardLink
} from "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/report/sarif.ts
import { createHash } from "node:crypto";
var LEVEL = { fail: "error", warn: "warning", info: "note" };
function fingerprint(finding) {
  return createHash("sha256").update(JSON.stringify([finding.standard, finding.file, finding.message_id, finding.message])).digest("hex").slice(0, 32);
}
function ruleName(title) {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => c ? c.toUpperCase() : "").replace(/^./, (c) => c.toUpperCase());
}
function renderSarif(report, options) {
  const { config } = options;
  const standards = options.standards.filter((s) => s.status !== "superseded");
  const index = new Map(standards.map((s, i) => [s.id, i]));
  const rules = standards.map((standard) => ({
    id: standard.id,
    name: ruleName(standard.title),
    shortDescription: { text: standard.title },
    fullDescription: { text: standard.rationale.trim() },
    helpUri: standardLink(config, standard),
    help: { text: standard.remediation.trim(), markdown: `${standard.remediation.trim()}

[Why this standard exists](${standardLink(config, standard)}) \xB7 [Propose a change](${proposeLink(config, standard)})` },
    defaultConfiguration: { level: LEVEL[standard.severity], enabled: true },
    properties: {
      owner: standard.owner,
      status: standard.status,
      tags: standard.tags,
      propose: proposeLink(config, standard),
      exemption: exemptionLink(config, standard, { repository: report.context.repository ?? void 0, paths: [], today: options.today, exemptionId: options.nextExemptionId })
    }
  }));
  const results = report.findings.map((finding) => ({
    ruleId: finding.standard,
    ...index.has(finding.standard) ? { ruleIndex: index.get(finding.standard) } : {},
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}

How to fix: ${finding.remediation}`, markdown: `${finding.message}

[why](${finding.links.standard}) \xB7 [propose a change](${finding.links.propose}) \xB7 [request an exemption](${finding.links.exemption})` },
    ...finding.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: finding.file.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" }, ...finding.line ? { region: { startLine: finding.line } } : {} } }] } : {},
    partialFingerprints: { "standardsFinding/v1": fingerprint(finding) },
    baselineState: finding.pre_existing ? "unchanged" : "new",
    ...finding.exemption ? { suppressions: [{ kind: "external", status: "accepted", justification: `${finding.exemption.id}, approved by ${finding.exemption.approved_by}, until ${finding.exemption.expires}` }] } : {},
    properties: { links: finding.links, check: finding.check, messageId: finding.message_id }
  }));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "standards-bot", semanticVersion: options.version, informationUri: config.repository.url, rules } },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The root of the repository under check." } } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices.map((notice) => ({ level: "warning", message: { text: notice } }))
          }
        ],
        properties: { verdict: report.verdict, summary: report.summary }
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}
export {
  renderSarif
};
