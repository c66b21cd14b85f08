import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  fsScanSource
} from "./chunk-4KBXIV5R.js";
import {
  repositoryName,
  runReport
} from "./chunk-JJGPONHS.js";
import {
  gitScanSource
} from "./chunk-PXXBKHBL.js";
import "./chunk-PUQRXYAP.js";
import "./chunk-B5I2H64X.js";
import "./chunk-NVSOLWZF.js";
import {
  gitDirOf
} from "./chunk-EK3ESDIM.js";
import "./chunk-X254CNPU.js";
import "./chunk-RH4BDJS2.js";
import "./chunk-34TOCUEK.js";
import "./chunk-L3UC3SYL.js";
import "./chunk-V4RWK56N.js";

// src/cli/scan.ts
import { resolve } from "node:path";
async function scan(io, options) {
  const repo = resolve(io.cwd, options.repo);
  const repository = await repositoryName({ explicit: options.repoName, env: io.env, repo });
  const inGit = await gitDirOf(repo) !== void 0;
  return runReport(io, options, (dir) => inGit ? gitScanSource({ repo: dir, head: options.head, repository }) : fsScanSource({ dir, repository }));
}
export {
  scan
};
