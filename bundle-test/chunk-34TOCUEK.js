import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  require_dist
} from "./chunk-L3UC3SYL.js";
import {
  __toESM
} from "./chunk-V4RWK56N.js";

// src/engine/links.ts
var import_yaml = __toESM(require_dist(), 1);
function encodeStrict(text) {
  return encodeURIComponent(text).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function standardAnchor(id) {
  return id.toLowerCase();
}
function repoUrl(config, action, path) {
  const encodedPath = path.split("/").map(encodeStrict).join("/");
  return `${config.repository.url}/${action}/${encodeStrict(config.repository.default_branch)}/${encodedPath}`;
}
function standardLink(config, standard) {
  return `${repoUrl(config, "blob", config.docs)}#${standardAnchor(standard.id)}`;
}
function proposeLink(config, standard) {
  return repoUrl(config, "edit", standard.file);
}
function proposalProcessLink(config) {
  const [path, anchor] = config.proposal_process.split("#");
  return `${repoUrl(config, "blob", path)}${anchor ? `#${anchor}` : ""}`;
}
function exemptionDraft(standard, request) {
  const draft = {
    id: request.exemptionId ?? "EX-0001",
    standard: standard.id,
    repos: [request.repository ?? "OWNER/REPO"],
    ...request.paths.length ? { paths: request.paths } : {},
    reason: "",
    approved_by: "",
    created: request.today,
    expires: ""
  };
  const header = [
    `# Exemption from ${standard.id} (${standard.title}).`,
    "# Fill in reason (why, and the plan to comply; 20 characters at least), approved_by (the",
    `# GitHub username of a maintainer of ${standard.owner}) and expires (YYYY-MM-DD), then open a pull request.`,
    '# Optionally name your team: requested_by: "@acme/your-team"'
  ];
  return `${header.join("\n")}
${(0, import_yaml.stringify)(draft, { lineWidth: 0 })}`;
}
function exemptionLink(config, standard, request) {
  const filename = `exemptions/${request.exemptionId ?? "EX-0001"}.yaml`;
  const query = `filename=${encodeStrict(filename)}&value=${encodeStrict(exemptionDraft(standard, request))}`;
  return `${config.repository.url}/new/${encodeStrict(config.repository.default_branch)}?${query}`;
}
function findingLinks(config, standard, request) {
  return {
    standard: standardLink(config, standard),
    propose: proposeLink(config, standard),
    exemption: exemptionLink(config, standard, request)
  };
}

export {
  standardAnchor,
  standardLink,
  proposeLink,
  proposalProcessLink,
  exemptionLink,
  findingLinks
};
