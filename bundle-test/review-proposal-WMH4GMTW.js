import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  generatedFiles
} from "./chunk-ASUBPSMG.js";
import {
  runExamples
} from "./chunk-I5LKXCG6.js";
import {
  cell
} from "./chunk-KGNMVM34.js";
import "./chunk-3QKIYBWS.js";
import {
  fsScanSource
} from "./chunk-4KBXIV5R.js";
import {
  ensureGitRepository,
  gitTree,
  resolveCommit
} from "./chunk-PXXBKHBL.js";
import "./chunk-PUQRXYAP.js";
import {
  evaluate
} from "./chunk-B5I2H64X.js";
import {
  BlobReader,
  addDays,
  gitMaybe,
  readRepoState
} from "./chunk-EK3ESDIM.js";
import {
  EXIT,
  formatDiagnostic,
  today
} from "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/review-proposal.ts
import { resolve as resolve2 } from "node:path";

// src/review/impact.ts
import { readdir, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
async function corpusFolders(root, entries) {
  const folders = [];
  for (const entry of entries) {
    if (entry.endsWith("/*")) {
      const parent = resolve(root, entry.slice(0, -2));
      for (const name of (await readdir(parent).catch(() => [])).sort()) {
        if ((await stat(join(parent, name))).isDirectory()) folders.push(join(parent, name));
      }
    } else folders.push(resolve(root, entry));
  }
  return folders;
}
var key = (f) => JSON.stringify([f.file, f.line, f.message_id, f.notes.length ? f.message.slice(0, f.message.lastIndexOf(" (")) : f.message]);
async function previewImpact(changed, folders, context) {
  const rows = [];
  for (const folder of folders) {
    const repository = `corpus/${basename(folder)}`;
    for (const { base, head } of changed) {
      const run = async (standard) => {
        if (!standard || standard.status === "superseded") return [];
        const source = await fsScanSource({ dir: folder, repository });
        return (await evaluate([standard], source.changeSet, { config: context.config, today: context.today, teams: context.teams })).findings.filter((f) => f.severity !== "info");
      };
      const before = await run(base);
      const after = await run(head);
      const beforeKeys = new Set(before.map(key));
      const afterKeys = new Set(after.map(key));
      const newlyFailing = after.filter((f) => !beforeKeys.has(key(f)));
      const newlyPassing = before.filter((f) => !afterKeys.has(key(f)));
      if (!newlyFailing.length && !newlyPassing.length) continue;
      const files = [...new Set([...newlyFailing, ...newlyPassing].map((f) => f.file ?? "(repository)"))].slice(0, 3);
      rows.push({ standard: (head ?? base).id, repository, newlyFailing: newlyFailing.length, newlyPassing: newlyPassing.length, files });
    }
  }
  return rows.sort((a, b) => a.standard.localeCompare(b.standard) || a.repository.localeCompare(b.repository));
}

// src/review/strictness.ts
var LOOSENING = /^(allow|allowed|allow_pattern|exclude|allow_individuals)$/;
var TIGHTENING = /^(deny|banned|deprecated|files|sections|directories|deploy_paths|versions|paths|requirements|ecosystems|statuses|require_owner|owners_must_be_known|no_ownership_loss|catalog_owner|transitive|dev|syntax)$/;
function combine(directions) {
  const moved = directions.filter((d) => d !== "same");
  if (!moved.length) return "same";
  return moved.every((d) => d === moved[0]) ? moved[0] : "changed";
}
function compareValue(key2, before, after) {
  if (JSON.stringify(before) === JSON.stringify(after)) return "same";
  const growth = LOOSENING.test(key2) ? "looser" : TIGHTENING.test(key2) ? "stricter" : void 0;
  const shrink = growth === "looser" ? "stricter" : growth === "stricter" ? "looser" : void 0;
  if (typeof before === "number" && typeof after === "number") {
    if (/^max_/.test(key2)) return after < before ? "stricter" : "looser";
    if (/^min_/.test(key2)) return after > before ? "stricter" : "looser";
    return "changed";
  }
  if (before === void 0 || after === void 0) {
    if (!growth) return "changed";
    return after === void 0 || after === false ? shrink : growth;
  }
  if (typeof before === "boolean" && typeof after === "boolean" && growth) return after ? growth : shrink;
  if (Array.isArray(before) && Array.isArray(after) && growth) {
    const a = new Set(before.map((x) => JSON.stringify(x)));
    const b = new Set(after.map((x) => JSON.stringify(x)));
    const added = [...b].some((x) => !a.has(x));
    const removed = [...a].some((x) => !b.has(x));
    if (added && !removed) return growth;
    if (removed && !added) return shrink;
    return "changed";
  }
  if (before && after && typeof before === "object" && typeof after === "object" && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = /* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)]);
    const nested = [...keys].map((k) => {
      const inner = compareValue(k, before[k], after[k]);
      if (inner === "changed" && growth && (!(k in before) || !(k in after))) return k in after ? growth : shrink;
      return inner;
    });
    return combine(nested);
  }
  return "changed";
}
function compareStrictness(before, after) {
  if (before.check.type !== after.check.type) return "changed";
  const { type: _a, ...beforeOptions } = before.check;
  const { type: _b, ...afterOptions } = after.check;
  return combine([
    compareOptions(beforeOptions, afterOptions),
    compareValue("paths", before.applies_to.paths, after.applies_to.paths),
    compareValue("exclude", before.applies_to.exclude, after.applies_to.exclude)
  ]);
}
function compareOptions(before, after) {
  const keys = /* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)]);
  return combine([...keys].map((key2) => compareValue(key2, before[key2], after[key2])));
}

// src/review/review.ts
var LEVELS = ["minor", "moderate", "major"];
var STATUS_ORDER = ["proposed", "active", "deprecated", "superseded"];
var SEVERITY_ORDER = ["info", "warn", "fail"];
var WORDING = ["title", "rationale", "remediation", "tags", "review_by", "owner", "examples"];
function classifyStandard(base, head) {
  if (!head) return base ? { subject: base.id, summary: "deleted", level: "major", owner: base.owner } : void 0;
  if (!base) {
    const level2 = head.severity === "fail" ? "major" : "moderate";
    return { subject: head.id, summary: `new ${head.severity} standard (${head.status})`, level: level2, owner: head.owner };
  }
  const reasons = [];
  const severity = SEVERITY_ORDER.indexOf(head.severity) - SEVERITY_ORDER.indexOf(base.severity);
  if (severity > 0) reasons.push(["major", `severity raised from ${base.severity} to ${head.severity}`]);
  if (severity < 0) reasons.push(["moderate", `severity lowered from ${base.severity} to ${head.severity}`]);
  if ((head.enforce_from ?? "") !== (base.enforce_from ?? "")) {
    const earlier = !head.enforce_from || base.enforce_from !== void 0 && head.enforce_from < base.enforce_from;
    reasons.push(earlier ? ["major", `enforce_from brought forward to ${head.enforce_from ?? "now"}`] : ["moderate", `enforce_from moved to ${head.enforce_from}`]);
  }
  if (head.status !== base.status) {
    reasons.push([base.status === "proposed" && head.status === "active" ? "major" : "moderate", `status ${base.status} \u2192 ${head.status}`]);
  }
  const strictness = compareStrictness(base, head);
  if (strictness === "stricter") reasons.push(["major", "stricter check or wider scope"]);
  if (strictness === "looser") reasons.push(["moderate", "looser check or narrower scope"]);
  if (strictness === "changed") reasons.push(["major", "check changed in a way that may be stricter"]);
  const wording = WORDING.filter((field) => JSON.stringify(base[field]) !== JSON.stringify(head[field]));
  if (wording.length) reasons.push(["minor", `${wording.join(", ")} edited`]);
  if (!reasons.length) return void 0;
  const level = reasons.reduce((max, [l]) => LEVELS.indexOf(l) > LEVELS.indexOf(max) ? l : max, "minor");
  return { subject: head.id, summary: reasons.map(([, text]) => text).join("; "), level, owner: head.owner };
}
function classifyExemption(base, head) {
  if (JSON.stringify(base) === JSON.stringify(head)) return void 0;
  if (!head) return { subject: base.id, summary: "exemption removed", level: "minor" };
  return { subject: head.id, summary: base ? `exemption changed (expires ${head.expires})` : `new exemption from ${head.standard} for ${head.repos.join(", ")}, until ${head.expires}`, level: "moderate" };
}
function approvers(change, teams, config) {
  const owner = change.owner ?? "@acme/platform-guild";
  if (change.level === "minor") return `${owner}`;
  const maintainers = teams.get(owner)?.maintainers ?? [];
  if (change.level === "moderate") return `maintainers of ${owner}${maintainers.length ? ` (${maintainers.join(", ")})` : ""}`;
  return `${owner} and ${config.governance.group ?? "the governance group (set governance.group in standards.config.yaml)"}`;
}
function lifecycleProblems(base, head) {
  if (base && !head) return [`${base.id} (${base.file}) was deleted; standards are never deleted: set status: deprecated, or superseded with superseded_by`];
  if (!base || !head) return [];
  const problems = [];
  if (base.check.type !== head.check.type && base.title !== head.title) problems.push(`${head.id} now names a different standard ("${base.title}" \u2192 "${head.title}"); ids are never reused, give the new standard the next free id`);
  if (STATUS_ORDER.indexOf(head.status) < STATUS_ORDER.indexOf(base.status)) problems.push(`${head.id} moves back from ${base.status} to ${head.status}; status only moves forward (proposed \u2192 active \u2192 deprecated \u2192 superseded)`);
  return problems;
}
async function reviewProposal(base, head, options) {
  const touched = [.../* @__PURE__ */ new Set([...base.texts.keys(), ...head.texts.keys()])].filter((p) => p !== "STANDARDS.md" && base.texts.get(p) !== head.texts.get(p));
  const problems = [];
  const advice = [];
  const changes = [];
  const config = head.config ?? base.config;
  if (!touched.length || !config) {
    return { touched: false, refused: false, changes, problems, advice, impact: [], markdown: "## Standards proposal review\n\nThis change touches no standard, exemption, team or setting: nothing to review.\n" };
  }
  for (const d of head.diagnostics) problems.push({ section: "Validation", message: formatDiagnostic(d) });
  const baseById = new Map((base.standards ?? []).map((s) => [s.id, s]));
  const headById = new Map((head.standards ?? []).map((s) => [s.id, s]));
  const changedStandards = [];
  for (const id of [.../* @__PURE__ */ new Set([...baseById.keys(), ...headById.keys()])].sort()) {
    const before = baseById.get(id);
    const after = headById.get(id);
    const change = classifyStandard(before, after);
    if (!change) continue;
    changes.push(change);
    changedStandards.push({ base: before, head: after });
    for (const message of lifecycleProblems(before, after)) problems.push({ section: "Lifecycle", message });
    if (before && after && before.status === "active" && compareStrictness(before, after) === "stricter") {
      advice.push(`${id} is active and its check gets stricter in place. Don't change a decision, supersede it: add a new standard with the stricter check, and set ${id} to status: superseded with superseded_by.`);
    }
    if (after && change.level === "major" && after.status !== "superseded") {
      const earliest = addDays(options.today, config.governance.notice_days);
      if (!after.enforce_from || after.enforce_from < earliest) {
        problems.push({ section: "Lifecycle", message: `${id} is a major change; give teams ${config.governance.notice_days} days' notice with enforce_from: ${earliest} or later` });
      }
    }
  }
  const baseExemptions = new Map((base.exemptions ?? []).map((e) => [e.id, e]));
  const headExemptions = new Map((head.exemptions ?? []).map((e) => [e.id, e]));
  for (const id of [.../* @__PURE__ */ new Set([...baseExemptions.keys(), ...headExemptions.keys()])].sort()) {
    const change = classifyExemption(baseExemptions.get(id), headExemptions.get(id));
    if (change) changes.push({ ...change, owner: headById.get((headExemptions.get(id) ?? baseExemptions.get(id)).standard)?.owner });
  }
  if (base.texts.get("teams.yaml") !== head.texts.get("teams.yaml")) changes.push({ subject: "teams.yaml", summary: "teams registry edited", level: "moderate", owner: "@acme/platform-guild" });
  for (const { head: standard } of changedStandards) {
    if (!standard || standard.status === "superseded") continue;
    const results = await runExamples(standard, { config, teams: head.teams, today: options.today });
    if (!results.some((r) => r.kind === "pass") || !results.some((r) => r.kind === "fail")) {
      problems.push({ section: "Rule tests", message: `${standard.id} has no ${results.some((r) => r.kind === "pass") ? "failing" : "passing"} example; add examples: { pass: [\u2026], fail: [\u2026] } to ${standard.file}` });
    }
    for (const result of results.filter((r) => !r.ok)) problems.push({ section: "Rule tests", message: `${standard.id} ${result.kind} example "${result.name}": ${result.problem}` });
  }
  if (head.standards && head.config) {
    const expected = generatedFiles(head.standards, head.config).find((f) => f.path === head.config.docs);
    if (head.texts.get(expected.path) !== expected.content) problems.push({ section: "Docs", message: `${expected.path} was not regenerated; run \`npx standards docs\` and commit it` });
  }
  const corpus = await corpusFolders(options.root, options.corpus ?? config.impact.corpus);
  const impact = changedStandards.length && corpus.length ? await previewImpact(changedStandards, corpus, { config, teams: head.teams, today: options.today }) : [];
  const level = changes.reduce((max, c) => !max || LEVELS.indexOf(c.level) > LEVELS.indexOf(max) ? c.level : max, void 0);
  const refused = problems.length > 0;
  const review = { touched: true, refused, level, changes, problems, advice, impact, markdown: "" };
  review.markdown = renderReview(review, { config, teams: head.teams, corpus: corpus.length });
  return review;
}
function section(title, problems, ok) {
  const mine = problems.filter((p) => p.section === title);
  return [`### ${mine.length ? "\u274C" : "\u2705"} ${title}`, "", ...mine.length ? mine.map((p) => `- ${cell(p.message)}`) : [ok], ""];
}
function renderReview(review, context) {
  const out = [
    `## ${review.refused ? "\u274C" : "\u2705"} Standards proposal review: ${review.level ?? "no"} change${review.refused ? ", changes needed" : ""}`,
    "",
    "| Subject | Change | Level | Approvers |",
    "|---|---|---|---|",
    ...review.changes.map((c) => `| ${c.subject} | ${cell(c.summary)} | ${c.level} | ${cell(approvers(c, context.teams, context.config))} |`),
    "",
    ...section("Validation", review.problems, "All rule files, exemptions, teams and settings are valid."),
    ...section("Rule tests", review.problems, "Every new or changed standard has passing and failing examples, and they behave."),
    ...section("Docs", review.problems, "STANDARDS.md matches the rules."),
    ...section("Lifecycle", review.problems, "No standard is deleted or reused; statuses only move forward; major changes give notice.")
  ];
  if (review.advice.length) out.push("### \u{1F4A1} Advice", "", ...review.advice.map((a) => `- ${cell(a)}`), "");
  out.push("### Impact preview", "");
  if (!context.corpus) out.push("No corpus configured (impact.corpus in standards.config.yaml, or --corpus).", "");
  else if (!review.impact.length) out.push(`No change on the ${context.corpus} corpus repositories.`, "");
  else {
    out.push("| Standard | Repository | Newly failing | Newly passing | First files |", "|---|---|---|---|---|");
    for (const row of review.impact) out.push(`| ${row.standard} | ${row.repository} | ${row.newlyFailing} | ${row.newlyPassing} | ${row.files.map((f) => `<code>${cell(f)}</code>`).join(", ")} |`);
    out.push("");
  }
  return `${out.join("\n").trimEnd()}
`;
}

// src/cli/review-proposal.ts
async function reviewProposalCommand(io, options) {
  const repo = resolve2(io.cwd, options.repo);
  await ensureGitRepository(repo);
  const blobs = new BlobReader(repo);
  try {
    const head = await resolveCommit(repo, options.head, "--head");
    const baseTip = await resolveCommit(repo, options.base, "--base");
    const base = await gitMaybe(repo, ["merge-base", baseTip, head]) ?? baseTip;
    const [before, after] = await Promise.all([readRepoState(gitTree(repo, base, options.base, blobs)), readRepoState(gitTree(repo, head, options.head, blobs))]);
    const review = await reviewProposal(before, after, { root: repo, today: today(options.date), corpus: options.corpus?.map((dir) => resolve2(io.cwd, dir)) });
    io.stdout.write(review.markdown);
    return review.refused ? EXIT.fail : EXIT.pass;
  } finally {
    blobs.close();
  }
}
export {
  reviewProposalCommand
};
