import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/sources/unified-diff.ts
var HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
function parseFilePatch(section) {
  return parseHunks(section.split("\n"), 0, Infinity);
}
function parseHunks(lines, from, to) {
  const added = [];
  const removed = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (let i = from; i < Math.min(to, lines.length); i++) {
    const raw = lines[i];
    const first = raw.charCodeAt(0);
    if (first === 64) {
      const hunk = HUNK.exec(raw);
      if (hunk) {
        oldLine = Number(hunk[1]);
        newLine = Number(hunk[2]);
        inHunk = true;
        continue;
      }
    }
    if (!inHunk) continue;
    const text = raw.endsWith("\r") ? raw.slice(1, -1) : raw.slice(1);
    if (first === 43) added.push({ line: newLine++, text });
    else if (first === 45) removed.push({ line: oldLine++, text });
    else if (first === 32) {
      oldLine++;
      newLine++;
    }
  }
  return { added, removed };
}
var ESCAPES = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
function unquoteGitPath(quoted) {
  if (!quoted.startsWith('"')) return quoted;
  const bytes = [];
  const encoder = new TextEncoder();
  for (let i = 1; i < quoted.length - 1; i++) {
    const ch = quoted[i];
    if (ch !== "\\") {
      const code = quoted.codePointAt(i);
      if (code > 65535) i++;
      bytes.push(...encoder.encode(String.fromCodePoint(code)));
      continue;
    }
    const next = quoted[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}
function leadingQuoted(text) {
  if (!text.startsWith('"')) return void 0;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return [unquoteGitPath(text.slice(0, i + 1)), text.slice(i + 1)];
  }
  return void 0;
}
function stripPrefix(path, prefix) {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
function markerPath(rest, prefix) {
  if (rest === "/dev/null") return void 0;
  const quoted = leadingQuoted(rest);
  const path = quoted ? quoted[0] : rest.replace(/\t$/, "");
  return stripPrefix(path, prefix);
}
function headerPath(rest) {
  const quoted = leadingQuoted(rest);
  if (quoted) return stripPrefix(leadingQuoted(quoted[1].trimStart())?.[0] ?? quoted[0], "b/");
  const length = (rest.length - 5) / 2;
  if (Number.isInteger(length) && rest.startsWith("a/") && rest.slice(2 + length, 5 + length) === " b/") return rest.slice(2, 2 + length);
  return void 0;
}
function patchesByPath(patch) {
  const lines = patch.split("\n");
  const byPath = /* @__PURE__ */ new Map();
  let start = -1;
  const finish = (end) => {
    if (start < 0) return;
    let path;
    let minus;
    let renamed;
    let body = end;
    for (let i = start + 1; i < end; i++) {
      const line = lines[i];
      if (line.startsWith("@@")) {
        body = i;
        break;
      }
      if (line.startsWith("+++ ")) path = markerPath(line.slice(4), "b/");
      else if (line.startsWith("--- ")) minus = markerPath(line.slice(4), "a/");
      else if (line.startsWith("rename to ") || line.startsWith("copy to ")) renamed = unquoteGitPath(line.slice(line.indexOf(" to ") + 4));
    }
    path ??= renamed ?? minus ?? headerPath(lines[start].slice("diff --git ".length));
    if (path === void 0) return;
    const { added, removed } = parseHunks(lines, body, end);
    const existing = byPath.get(path);
    if (existing) {
      existing.added.push(...added);
      existing.removed.push(...removed);
    } else byPath.set(path, { added, removed });
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith("diff --git ")) {
      finish(i);
      start = i;
    }
  }
  finish(lines.length);
  return byPath;
}

export {
  parseFilePatch,
  patchesByPath
};
