import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  readPullRequestEvent
} from "./chunk-PTCF6VUD.js";
import {
  repositoryName,
  runReport
} from "./chunk-JJGPONHS.js";
import {
  gitRangeSource
} from "./chunk-PXXBKHBL.js";
import "./chunk-PUQRXYAP.js";
import "./chunk-B5I2H64X.js";
import "./chunk-NVSOLWZF.js";
import "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/check.ts
import { resolve } from "node:path";
function eventFile(explicit, env) {
  if (explicit) return explicit;
  if (env.GITHUB_EVENT_PATH && env.GITHUB_EVENT_NAME?.startsWith("pull_request")) return env.GITHUB_EVENT_PATH;
  return void 0;
}
async function check(io, options) {
  let pr;
  let fromEvent;
  const file = eventFile(options.prEvent, io.env);
  if (file) ({ pr, repository: fromEvent } = await readPullRequestEvent(resolve(io.cwd, file)));
  const repo = resolve(io.cwd, options.repo);
  const repository = await repositoryName({ explicit: options.repoName, env: io.env, fromEvent, repo });
  return runReport(io, options, (dir) => gitRangeSource({ repo: dir, base: options.base, head: options.head, pr, repository }));
}
export {
  check
};
