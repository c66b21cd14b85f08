import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyTree, type FileChange, type TreeView } from '../changeset.ts';
import { UsageError } from '../diagnostics.ts';
import { walkFiles } from '../standards/files.ts';
import { treeFromPaths } from '../tree.ts';
import { addedFile, readableText } from './content.ts';
import type { GitSource } from './git-source.ts';

const SKIPPED = new Set(['.git', 'node_modules']);

/** A folder that is not a git repository, scanned as a tree: every file counts as added. */
export async function fsScanSource(options: { dir: string; repository?: string }): Promise<GitSource> {
  const paths = await walkFiles(options.dir, '.', { skip: SKIPPED }).catch(() => {
    throw new UsageError(`${options.dir}: cannot read this folder`);
  });
  const known = new Set(paths);
  const bytes = (path: string) => readFile(join(options.dir, path));
  const read = async (path: string) => {
    if (!known.has(path)) return undefined;
    const { binary, text } = readableText(await bytes(path));
    return binary ? undefined : text;
  };
  const tree: TreeView = treeFromPaths('working tree', async () => paths, read);
  const files: FileChange[] = paths.map((path) => addedFile({ path }, bytes));
  return { changeSet: { mode: 'scan', files, head: tree, base: emptyTree, repository: options.repository }, close: () => undefined };
}
