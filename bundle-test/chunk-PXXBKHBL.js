import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  patchesByPath
} from "./chunk-PUQRXYAP.js";
import {
  emptyTree,
  fileFromPatch,
  linesOfContent,
  readableText
} from "./chunk-B5I2H64X.js";
import {
  BlobReader,
  GitError,
  git,
  gitBuffer,
  gitMaybe
} from "./chunk-EK3ESDIM.js";
import {
  UsageError
} from "./chunk-RH4BDJS2.js";

// src/sources/git-source.ts
var KIND_BY_MODE = { "100644": "file", "100755": "file", "120000": "symlink", "160000": "submodule" };
function gitTree(repo, commit, label, blobs) {
  let listing;
  const entries = () => listing ??= git(repo, ["ls-tree", "-r", "-z", "--full-tree", commit]).then((out) => {
    const map = /* @__PURE__ */ new Map();
    for (const record of out.split("\0")) {
      if (!record) continue;
      const tab = record.indexOf("	");
      const [mode, type, objectId] = record.slice(0, tab).split(" ");
      if (type === "blob") map.set(record.slice(tab + 1), { objectId, kind: KIND_BY_MODE[mode] ?? "file" });
    }
    return map;
  });
  const bytes = async (path) => {
    const entry = (await entries()).get(path);
    return entry ? blobs.read(entry.objectId) : void 0;
  };
  return {
    ref: label,
    entries,
    bytes,
    paths: async () => [...(await entries()).keys()],
    async read(path) {
      const blob = await bytes(path);
      if (!blob) return void 0;
      const { binary, text } = readableText(blob);
      return binary ? void 0 : text;
    }
  };
}
function refLabel(ref, sha) {
  return sha.startsWith(ref) ? sha.slice(0, 12) : `${ref} (${sha.slice(0, 12)})`;
}
async function resolveCommit(repo, ref, flag) {
  const sha = await gitMaybe(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (!sha) throw new UsageError(`${flag} ${ref}: no such commit in ${repo}`);
  return sha;
}
async function defaultBranch(repo) {
  const originHead = await gitMaybe(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (originHead) return originHead;
  for (const candidate of ["main", "master", "origin/main", "origin/master"]) {
    if (await gitMaybe(repo, ["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`])) return candidate;
  }
  return void 0;
}
async function ensureGitRepository(repo) {
  try {
    await git(repo, ["rev-parse", "--git-dir"]);
  } catch (error) {
    if (error instanceof GitError || error.code === "ENOENT") {
      throw new UsageError(`${repo} is not a git repository (or does not exist); pass --repo DIR`);
    }
    throw error;
  }
}
var ZERO_ID = /^0+$/;
function parseRaw(out) {
  const entries = [];
  let offset = 0;
  const field = () => {
    const nul = out.indexOf(0, offset);
    const end = nul < 0 ? out.length : nul;
    const text = out.subarray(offset, end).toString("utf8");
    offset = end + 1;
    return text;
  };
  while (offset < out.length && out[offset] === 58) {
    const [srcMode, dstMode, , dstId, code] = field().slice(1).split(" ");
    const letter = code[0];
    const first = field();
    const second = letter === "R" || letter === "C" ? field() : void 0;
    const status = letter === "A" || letter === "C" ? "added" : letter === "D" ? "deleted" : letter === "R" ? "renamed" : "modified";
    const path = second ?? first;
    const deleted = status === "deleted";
    entries.push({
      status,
      path,
      previousPath: letter === "R" ? first : void 0,
      kind: KIND_BY_MODE[deleted ? srcMode : dstMode] ?? "file",
      baseKind: status === "added" ? void 0 : KIND_BY_MODE[srcMode],
      headObject: deleted || ZERO_ID.test(dstId) ? void 0 : dstId
    });
  }
  if (out[offset] === 0) offset++;
  return { entries, end: offset };
}
var DIFF_FLAGS = ["--no-ext-diff", "--no-textconv", "--text", "--find-renames", "--no-color", "--no-relative", "--src-prefix=a/", "--dst-prefix=b/", "--no-abbrev", "-U0"];
async function diffFiles(repo, base, head, blobs) {
  const out = await gitBuffer(repo, ["diff", "--raw", "-z", "-p", ...DIFF_FLAGS, base, head, "--"]);
  const { entries, end } = parseRaw(out);
  const patches = patchesByPath(out.subarray(end).toString("utf8"));
  return entries.map((entry) => {
    const patch = patches.get(entry.path) ?? { added: [], removed: [] };
    const lines = { added: entry.kind === "submodule" ? [] : patch.added, removed: entry.baseKind === "submodule" ? [] : patch.removed };
    const meta = { path: entry.path, previousPath: entry.previousPath, status: entry.status, kind: entry.kind };
    return fileFromPatch(meta, lines, async () => entry.headObject ? blobs.read(entry.headObject) : void 0);
  });
}
async function gitRangeSource(options) {
  const { repo } = options;
  await ensureGitRepository(repo);
  const headRef = options.head ?? "HEAD";
  const head = await resolveCommit(repo, headRef, "--head");
  let baseRef = options.base;
  if (!baseRef && options.pr?.baseSha && await gitMaybe(repo, ["cat-file", "-e", `${options.pr.baseSha}^{commit}`]) !== void 0) {
    baseRef = options.pr.baseSha;
  }
  baseRef ??= await defaultBranch(repo);
  if (!baseRef) throw new UsageError(`could not find a default branch (origin/HEAD, main or master) in ${repo} to compare with; pass --base REF`);
  const baseCommit = await resolveCommit(repo, baseRef, "--base");
  const base = await gitMaybe(repo, ["merge-base", baseCommit, head]);
  if (!base) {
    const shallow = await gitMaybe(repo, ["rev-parse", "--is-shallow-repository"]) === "true";
    throw new UsageError(
      shallow ? `${baseRef} and ${headRef} share no history in this shallow clone; fetch the history (in GitHub Actions: actions/checkout with fetch-depth: 0)` : `${baseRef} and ${headRef} share no history; pass a --base that ${headRef} branched from`
    );
  }
  const blobs = new BlobReader(repo);
  const notices = [];
  if (base === head) {
    notices.push(
      baseCommit === head ? `nothing to compare: base and head are the same commit (${head.slice(0, 12)}); no file was checked` : `nothing to compare: head ${head.slice(0, 12)} is already part of ${baseRef}; no file was checked`
    );
  }
  const files = base === head ? [] : await diffFiles(repo, base, head, blobs);
  return {
    changeSet: {
      mode: "diff",
      files,
      head: gitTree(repo, head, refLabel(headRef, head), blobs),
      base: gitTree(repo, base, base === baseCommit ? refLabel(baseRef, base) : `merge-base of ${refLabel(baseRef, baseCommit)} (${base.slice(0, 12)})`, blobs),
      pr: options.pr,
      repository: options.repository,
      notices
    },
    close: () => blobs.close()
  };
}
async function gitScanSource(options) {
  const { repo } = options;
  await ensureGitRepository(repo);
  const headRef = options.head ?? "HEAD";
  const head = await resolveCommit(repo, headRef, "--head");
  const blobs = new BlobReader(repo);
  const tree = gitTree(repo, head, refLabel(headRef, head), blobs);
  const files = [];
  for (const [path, entry] of await tree.entries()) {
    const read = async () => {
      const blob = await blobs.read(entry.objectId);
      if (!blob) throw new Error(`${path}: git could not read blob ${entry.objectId}`);
      return blob;
    };
    files.push({
      path,
      status: "added",
      kind: entry.kind,
      additions: 0,
      deletions: 0,
      isBinary: async () => readableText(await read()).binary,
      addedLines: async () => linesOfContent(await read()),
      removedLines: async () => []
    });
  }
  return {
    changeSet: { mode: "scan", files, head: tree, base: emptyTree, repository: options.repository },
    close: () => blobs.close()
  };
}

export {
  gitTree,
  resolveCommit,
  ensureGitRepository,
  gitRangeSource,
  gitScanSource
};
