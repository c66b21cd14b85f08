import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyTree, numberLines, type ChangedLine, type FileChange, type TreeView } from '../changeset.ts';
import { UsageError } from '../diagnostics.ts';
import { walkFiles } from '../standards/files.ts';
import type { GitSource } from './git-source.ts';

const SKIPPED = new Set(['.git', 'node_modules']);

async function isBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8000), 0, 8000, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/** A folder that is not a git repository, scanned as a tree: every file counts as added. */
export async function fsScanSource(options: { dir: string; repository?: string }): Promise<GitSource> {
  const paths = await walkFiles(options.dir, '.', { skip: SKIPPED }).catch(() => {
    throw new UsageError(`${options.dir}: cannot read this folder`);
  });
  const binary = new Map(await Promise.all(paths.map(async (path) => [path, await isBinary(join(options.dir, path))] as const)));
  const read = async (path: string) => (binary.get(path) === false ? readFile(join(options.dir, path), 'utf8') : undefined);
  const tree: TreeView = { ref: 'working tree', paths: async () => paths, read };
  const files: FileChange[] = paths.map((path) => {
    let lines: Promise<ChangedLine[]> | undefined;
    const addedLines = () => (lines ??= read(path).then((text) => numberLines(text ?? '')));
    return { path, status: 'added', binary: binary.get(path)!, additions: 0, deletions: 0, addedLines, removedLines: async () => [] };
  });
  return { changeSet: { mode: 'scan', files, head: tree, base: emptyTree, repository: options.repository }, close: () => undefined };
}
