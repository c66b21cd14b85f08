import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Files under `dir`, recursively, sorted, as paths relative to `root` with forward slashes.
 * Folders named in `skip` are not entered; a missing `dir` has no files.
 */
export async function walkFiles(root: string, dir: string, options: { skip?: ReadonlySet<string>; accept?: (name: string) => boolean } = {}): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && current !== root) return;
      throw error;
    }
    for (const entry of entries) {
      if (options.skip?.has(entry.name)) continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (options.accept?.(entry.name) ?? true)) found.push(relative(root, full).split(sep).join('/'));
    }
  }
  await walk(join(root, dir));
  return found.sort();
}

/** YAML files under `dir`, recursively, sorted, as paths relative to `root` with forward slashes. */
export function listYamlFiles(root: string, dir: string): Promise<string[]> {
  return walkFiles(root, dir, { accept: (name) => /\.ya?ml$/i.test(name) });
}

export async function readText(root: string, file: string): Promise<string> {
  return readFile(join(root, file), 'utf8');
}
