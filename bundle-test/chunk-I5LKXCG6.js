import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  changedLines,
  evaluate
} from "./chunk-B5I2H64X.js";
import {
  require_dist
} from "./chunk-L3UC3SYL.js";
import {
  __toESM
} from "./chunk-V4RWK56N.js";

// src/review/examples.ts
var import_yaml = __toESM(require_dist(), 1);
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
function exampleChangeSet(example) {
  const base = example.base ?? {};
  const head = { ...base, ...example.files ?? {} };
  for (const path of example.deleted ?? []) delete head[path];
  const files = [];
  const change = (path, status, before, after) => {
    const { added, removed } = changedLines(before, after);
    files.push({ path, status, isBinary: async () => false, additions: added.length, deletions: removed.length, addedLines: async () => added, removedLines: async () => removed });
  };
  for (const [path, text] of Object.entries(example.files ?? {})) {
    if (!(path in base)) change(path, "added", "", text);
    else if (base[path] !== text) change(path, "modified", base[path], text);
  }
  for (const path of example.deleted ?? []) if (path in base) change(path, "deleted", base[path], "");
  const tree = (contents, ref) => ({ ref, paths: async () => Object.keys(contents).sort(), read: async (path) => contents[path] });
  const pr = example.pr ? { title: example.pr.title ?? "", body: example.pr.body ?? "", labels: example.pr.labels ?? [], draft: example.pr.draft ?? false } : void 0;
  return { mode: "diff", files, head: tree(head, "example head"), base: tree(base, "example base"), pr, repository: example.repository ?? "acme/example" };
}
async function examplesOf(standard, root) {
  const merged = { pass: [...standard.examples?.pass ?? []], fail: [...standard.examples?.fail ?? []] };
  if (!root) return merged;
  for (const kind of ["pass", "fail"]) {
    const dir = join(root, "test/standards", standard.id, kind);
    const names = await readdir(dir).catch(() => []);
    for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
      merged[kind].push({ name: `${kind}/${name}`, ...(0, import_yaml.parse)(await readFile(join(dir, name), "utf8")) });
    }
  }
  return merged;
}
function judge(kind, example, findings, skipped) {
  if (skipped) return `not evaluated: ${skipped}`;
  if (kind === "pass") return findings.length ? `expected no findings, got ${findings.length}: ${findings.map((f) => f.message).join(" | ")}` : void 0;
  if (!findings.length) return "expected findings, got none";
  if (example.expect?.count !== void 0 && findings.length !== example.expect.count) return `expected ${example.expect.count} findings, got ${findings.length}: ${findings.map((f) => f.message).join(" | ")}`;
  const missing = (example.expect?.messages ?? []).find((text) => !findings.some((f) => f.message.includes(text)));
  return missing ? `no finding says "${missing}"; got: ${findings.map((f) => f.message).join(" | ")}` : void 0;
}
async function runExamples(standard, context) {
  const examples = await examplesOf(standard, context.root);
  const results = [];
  for (const kind of ["pass", "fail"]) {
    for (const [index, example] of examples[kind].entries()) {
      const subject = { ...standard, status: standard.status === "superseded" ? "superseded" : "active", enforce_from: void 0 };
      const report = await evaluate([subject], exampleChangeSet(example), { config: context.config, today: context.today, teams: context.teams });
      const problem = judge(kind, example, report.findings, report.skipped[0]?.reason);
      results.push({ standard: standard.id, kind, name: example.name ?? `${kind} #${index + 1}`, ok: !problem, problem });
    }
  }
  return results;
}

export {
  runExamples
};
