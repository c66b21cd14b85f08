import type { ChangedLine } from '../changeset.ts';

export interface FilePatch {
  added: ChangedLine[];
  removed: ChangedLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Added and removed lines of one file's patch, numbered in the head and base files. */
export function parseFilePatch(section: string): FilePatch {
  return parseHunks(section.split('\n'), 0, Infinity);
}

function parseHunks(lines: readonly string[], from: number, to: number): FilePatch {
  const added: ChangedLine[] = [];
  const removed: ChangedLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (let i = from; i < Math.min(to, lines.length); i++) {
    const raw = lines[i]!;
    const first = raw.charCodeAt(0);
    if (first === 64 /* @ */) {
      const hunk = HUNK.exec(raw);
      if (hunk) {
        oldLine = Number(hunk[1]);
        newLine = Number(hunk[2]);
        inHunk = true;
        continue;
      }
    }
    if (!inHunk) continue;
    const text = raw.endsWith('\r') ? raw.slice(1, -1) : raw.slice(1);
    if (first === 43 /* + */) added.push({ line: newLine++, text });
    else if (first === 45 /* - */) removed.push({ line: oldLine++, text });
    else if (first === 32 /* space */) {
      oldLine++;
      newLine++;
    }
  }
  return { added, removed };
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting of a path (`"a/tab\there"`), octal escapes included. */
export function unquoteGitPath(quoted: string): string {
  if (!quoted.startsWith('"')) return quoted;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 1; i < quoted.length - 1; i++) {
    const ch = quoted[i]!;
    if (ch !== '\\') {
      const code = quoted.codePointAt(i)!;
      if (code > 0xffff) i++;
      bytes.push(...encoder.encode(String.fromCodePoint(code)));
      continue;
    }
    const next = quoted[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The first quoted or unquoted path at the start of `text`, and what follows it. */
function leadingQuoted(text: string): [string, string] | undefined {
  if (!text.startsWith('"')) return undefined;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return [unquoteGitPath(text.slice(0, i + 1)), text.slice(i + 1)];
  }
  return undefined;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** A path on a `---`/`+++` line: quoted, or followed by a tab when it holds a space. */
function markerPath(rest: string, prefix: string): string | undefined {
  if (rest === '/dev/null') return undefined;
  const quoted = leadingQuoted(rest);
  const path = quoted ? quoted[0] : rest.replace(/\t$/, '');
  return stripPrefix(path, prefix);
}

/** The path of a `diff --git a/P b/P` header when both sides name the same path. */
function headerPath(rest: string): string | undefined {
  const quoted = leadingQuoted(rest);
  if (quoted) return stripPrefix(leadingQuoted(quoted[1].trimStart())?.[0] ?? quoted[0], 'b/');
  const length = (rest.length - 5) / 2;
  if (Number.isInteger(length) && rest.startsWith('a/') && rest.slice(2 + length, 5 + length) === ' b/') return rest.slice(2, 2 + length);
  return undefined;
}

/**
 * Splits a whole `git diff --src-prefix=a/ --dst-prefix=b/` patch into added and removed lines
 * per path. A path can have two sections (a file replaced by a symlink is a deletion and an
 * addition); they are merged. Paths are read from the headers, so the result does not depend on
 * the order git prints sections in.
 */
export function patchesByPath(patch: string): Map<string, FilePatch> {
  const lines = patch.split('\n');
  const byPath = new Map<string, FilePatch>();
  let start = -1;
  const finish = (end: number) => {
    if (start < 0) return;
    let path: string | undefined;
    let minus: string | undefined;
    let renamed: string | undefined;
    let body = end;
    for (let i = start + 1; i < end; i++) {
      const line = lines[i]!;
      if (line.startsWith('@@')) {
        body = i;
        break;
      }
      if (line.startsWith('+++ ')) path = markerPath(line.slice(4), 'b/');
      else if (line.startsWith('--- ')) minus = markerPath(line.slice(4), 'a/');
      else if (line.startsWith('rename to ') || line.startsWith('copy to ')) renamed = unquoteGitPath(line.slice(line.indexOf(' to ') + 4));
    }
    path ??= renamed ?? minus ?? headerPath(lines[start]!.slice('diff --git '.length));
    if (path === undefined) return;
    const { added, removed } = parseHunks(lines, body, end);
    const existing = byPath.get(path);
    if (existing) {
      for (const line of added) existing.added.push(line);
      for (const line of removed) existing.removed.push(line);
    } else byPath.set(path, { added, removed });
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('diff --git ')) {
      finish(i);
      start = i;
    }
  }
  finish(lines.length);
  return byPath;
}
