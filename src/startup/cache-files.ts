// Files a run keeps for the next in the code cache's folder: the code caches (code-cache.ts) and
// the YAML parse memo (standards/parse-memo.ts), written and cleared away the same way.
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `file` whole or not at all. Processes that start together (tests, matrix jobs
 * on one runner) may save at once: each writes its own file and renames it into place, so a
 * reader sees a whole file or none. Readable by this user only, as the folder is.
 */
export function writeAtomically(file: string, data: Buffer | string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, data, { mode: 0o600 });
  renameSync(partial, file);
}

// A rebuilt bundle has a new key; the files of the old one would only take up room. Another
// install's are left alone unless no run has written them for a month (an install that was
// removed leaves its files behind): a used cache is seldom written again, so one still in use is
// at worst made once more.
const UNUSED_INSTALL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes the other files beside `current` that `family` names, whose first group, when it
 * matched, is the install that wrote them: this install's other builds' at once, another
 * install's once unused for a month, and those named without an install (before installs were
 * part of the name).
 */
export function removeStale(current: string, family: RegExp): void {
  const dir = dirname(current);
  const keep = basename(current);
  const install = family.exec(keep)?.[1];
  for (const entry of readdirSync(dir)) {
    const match = entry === keep ? null : family.exec(entry);
    if (!match) continue;
    const path = join(dir, entry);
    if (match[1] === undefined || match[1] === install || Date.now() - statSync(path).mtimeMs > UNUSED_INSTALL_MS) unlinkSync(path);
  }
}
