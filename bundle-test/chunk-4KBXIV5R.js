import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  emptyTree,
  linesOfContent,
  readableText
} from "./chunk-B5I2H64X.js";
import {
  walkFiles
} from "./chunk-EK3ESDIM.js";
import {
  UsageError
} from "./chunk-RH4BDJS2.js";

// src/sources/fs-source.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var SKIPPED = /* @__PURE__ */ new Set([".git", "node_modules"]);
async function fsScanSource(options) {
  const paths = await walkFiles(options.dir, ".", { skip: SKIPPED }).catch(() => {
    throw new UsageError(`${options.dir}: cannot read this folder`);
  });
  const known = new Set(paths);
  const bytes = (path) => readFile(join(options.dir, path));
  const read = async (path) => {
    if (!known.has(path)) return void 0;
    const { binary, text } = readableText(await bytes(path));
    return binary ? void 0 : text;
  };
  const tree = { ref: "working tree", paths: async () => paths, read };
  const files = paths.map((path) => ({
    path,
    status: "added",
    additions: 0,
    deletions: 0,
    isBinary: async () => readableText(await bytes(path)).binary,
    addedLines: async () => linesOfContent(await bytes(path)),
    removedLines: async () => []
  }));
  return { changeSet: { mode: "scan", files, head: tree, base: emptyTree, repository: options.repository }, close: () => void 0 };
}

export {
  fsScanSource
};
