/** The directory holding a repository-relative path; '' for the root. */
export function parentDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A path relative to `dir`, normalised ('.' and '..' resolved) and still repository-relative. */
export function joinRepoPath(dir: string | undefined, relative: string): string {
  const out: string[] = [];
  for (const part of (dir ? `${dir}/${relative}` : relative).split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}
