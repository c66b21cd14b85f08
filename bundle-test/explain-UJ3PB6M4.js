import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  loadTrusted,
  standardsRoot
} from "./chunk-NVSOLWZF.js";
import {
  checksByType
} from "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import {
  EXIT,
  UsageError
} from "./chunk-RH4BDJS2.js";
import {
  proposeLink,
  standardLink
} from "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/explain.ts
function explainStandard(standard, config) {
  const check = checksByType.get(standard.check.type);
  const { type, ...options } = standard.check;
  const lines = [
    `${standard.id}: ${standard.title}`,
    "",
    `owner:         ${standard.owner}`,
    `status:        ${standard.status}${standard.superseded_by ? ` (superseded by ${standard.superseded_by})` : ""}`,
    `severity:      ${standard.severity}`,
    `enforced from: ${standard.enforce_from ?? "now"}`,
    `review by:     ${standard.review_by}`,
    `applies to:    ${standard.applies_to.paths.join(", ")}${standard.applies_to.exclude.length ? ` (except ${standard.applies_to.exclude.join(", ")})` : ""}`,
    `check:         ${type}: ${check.summary}`,
    ...Object.keys(options).length ? [`options:       ${JSON.stringify(options)}`] : [],
    "",
    "Why",
    standard.rationale.trim(),
    "",
    "How to fix",
    standard.remediation.trim(),
    "",
    `standard:          ${standardLink(config, standard)}`,
    `propose a change:  ${proposeLink(config, standard)}`,
    `rule file:         ${standard.file}`
  ];
  return `${lines.join("\n")}
`;
}
async function explain(io, id, options) {
  const { standards, config } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const standard = standards.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!standard) throw new UsageError(`unknown standard ${id}; known: ${standards.map((s) => s.id).join(", ")}`);
  io.stdout.write(explainStandard(standard, config));
  return EXIT.pass;
}
export {
  explain
};
