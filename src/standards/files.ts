import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** YAML files under `dir`, recursively, sorted, as paths relative to `root` with forward slashes. */
export async function listYamlFiles(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) found.push(relative(root, full).split(sep).join('/'));
    }
  }
  await walk(join(root, dir));
  return found.sort();
}

export async function readText(root: string, file: string): Promise<string> {
  return readFile(join(root, file), 'utf8');
}
