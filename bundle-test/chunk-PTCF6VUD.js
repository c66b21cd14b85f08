import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  createAjv,
  parseYamlFile,
  validateAgainst
} from "./chunk-EK3ESDIM.js";
import {
  ConfigError,
  UsageError,
  formatDiagnostic
} from "./chunk-RH4BDJS2.js";

// src/sources/pr-event.ts
import { readFile } from "node:fs/promises";
var SHA = { type: "string", pattern: "^(?:[0-9a-f]{40}|[0-9a-f]{64})$", "x-hint": "a commit SHA of 40 hex digits" };
var pullRequestEventSchema = {
  type: "object",
  required: ["pull_request"],
  properties: {
    pull_request: {
      type: "object",
      properties: {
        number: { type: "integer", minimum: 1 },
        title: { type: "string" },
        body: { type: ["string", "null"] },
        draft: { type: "boolean" },
        labels: { type: "array", items: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
        user: { type: ["object", "null"], properties: { login: { type: "string" } } },
        base: { type: "object", properties: { sha: SHA, ref: { type: "string", minLength: 1 } } },
        head: { type: "object", properties: { sha: SHA } }
      }
    },
    repository: { type: "object", properties: { full_name: { type: "string", pattern: "^[^/\\s]+/[^/\\s]+$", "x-hint": "owner/name" } } }
  }
};
function toInfo(pr) {
  return {
    number: pr.number,
    title: pr.title ?? "",
    body: pr.body ?? "",
    labels: (pr.labels ?? []).map((label) => label.name).filter(Boolean),
    author: pr.user?.login,
    draft: pr.draft ?? false,
    baseSha: pr.base?.sha,
    headSha: pr.head?.sha,
    baseRef: pr.base?.ref
  };
}
function pullRequestFromEvent(event, file = "event") {
  const pr = event?.pull_request;
  if (!pr || typeof pr !== "object") return void 0;
  const problems = shapeProblems(JSON.stringify(event, null, 1), event, file);
  if (problems.length) throw new ConfigError(problems);
  return toInfo(pr);
}
var checkShape = createAjv().compile(pullRequestEventSchema);
function shapeProblems(text, event, file) {
  if (checkShape(event)) return [];
  return validateAgainst(pullRequestEventSchema, event, parseYamlFile(file, text));
}
async function readPullRequestEvent(file) {
  let text;
  let event;
  try {
    text = await readFile(file, "utf8");
    event = JSON.parse(text);
  } catch (error) {
    const reason = error.code === "ENOENT" ? "file not found" : error.message;
    throw new UsageError(`--pr-event ${file}: ${reason}`);
  }
  const pr = event?.pull_request;
  if (!pr || typeof pr !== "object") throw new UsageError(`--pr-event ${file}: not a pull_request event (it has no "pull_request" object)`);
  const diagnostics = shapeProblems(text, event, file);
  if (diagnostics.length) throw new UsageError(`--pr-event ${file} is not a pull_request event as GitHub sends it:
${diagnostics.map(formatDiagnostic).join("\n")}`);
  const repository = event.repository?.full_name;
  return { pr: toInfo(pr), repository };
}

export {
  pullRequestFromEvent,
  readPullRequestEvent
};
