import type { DirectoryEntries, TreeView } from './changeset.ts';
import { parentDir } from './paths.ts';

/** Directory listings built from a list of every path, once: for trees that arrive as such a list (a folder walk, the API, tests). */
export function listingsFrom(paths: readonly string[]): (directory: string) => DirectoryEntries {
  let byDirectory: Map<string, { files: string[]; directories: Set<string> }> | undefined;
  const index = () => {
    if (byDirectory) return byDirectory;
    const built = new Map<string, { files: string[]; directories: Set<string> }>();
    const entry = (dir: string) => {
      let found = built.get(dir);
      if (!found) built.set(dir, (found = { files: [], directories: new Set() }));
      return found;
    };
    for (const path of paths) {
      const dir = parentDir(path);
      entry(dir).files.push(path.slice(dir ? dir.length + 1 : 0));
      for (let child = dir; child; child = parentDir(child)) {
        const parent = entry(parentDir(child));
        const name = child.slice(child.lastIndexOf('/') + 1);
        if (parent.directories.has(name)) break;
        parent.directories.add(name);
      }
    }
    return (byDirectory = built);
  };
  return (directory) => {
    const found = index().get(directory);
    return { files: found ? [...found.files] : [], directories: found ? [...found.directories] : [] };
  };
}

/** A tree from a list of paths and a reader: the listing is derived, once, when first asked. */
export function treeFromPaths(ref: string, paths: () => Promise<string[]>, read: (path: string) => Promise<string | undefined>): TreeView {
  let listings: Promise<(directory: string) => DirectoryEntries> | undefined;
  return {
    ref,
    paths,
    list: async (directory) => (await (listings ??= paths().then(listingsFrom)))(directory),
    read,
  };
}

/** Whether a file exists, asking only its directory. */
export async function fileExists(tree: TreeView, path: string): Promise<boolean> {
  const dir = parentDir(path);
  return (await tree.list(dir)).files.includes(path.slice(dir ? dir.length + 1 : 0));
}

/** Every file under a directory, as repository paths, walking only that part of the tree. */
export async function filesUnder(tree: TreeView, directory: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const { files, directories } = await tree.list(dir);
    for (const name of files) found.push(dir ? `${dir}/${name}` : name);
    await Promise.all(directories.map((name) => walk(dir ? `${dir}/${name}` : name)));
  };
  await walk(directory);
  return found.sort();
}
