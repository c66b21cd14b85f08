import type { ChangedLine } from '../changeset.ts';

export interface FilePatch {
  added: ChangedLine[];
  removed: ChangedLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Splits `git diff` patch output into one section per file pair, in git's order. */
export function splitPatch(patch: string): string[] {
  const sections: string[][] = [];
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  return sections.map((lines) => lines.join('\n'));
}

/** Added and removed lines of one file's section, numbered in the head and base files. */
export function parseFilePatch(section: string): FilePatch {
  const added: ChangedLine[] = [];
  const removed: ChangedLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of section.split('\n')) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const text = raw.slice(1).replace(/\r$/, '');
    if (raw.startsWith('+')) added.push({ line: newLine++, text });
    else if (raw.startsWith('-')) removed.push({ line: oldLine++, text });
    else if (raw.startsWith(' ')) {
      oldLine++;
      newLine++;
    }
  }
  return { added, removed };
}
