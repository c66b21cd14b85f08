import { emptyTree, type ChangeSet, type DirectoryEntries, type FileChange, type FileKind, type FileStatus, type PullRequestInfo } from '../changeset.ts';
import { UsageError } from '../diagnostics.ts';
import { settleLater } from '../settle-later.ts';
import { addedFile, fileFromPatch, readableText, type ContentTree } from './content.ts';
import { BlobReader, git, gitDirOf, GitError, gitMaybe, workTreeTop } from './git.ts';
import { patchesByPath } from './unified-diff.ts';
import { WorktreeReader } from './worktree-reader.ts';

export interface GitSource {
  changeSet: ChangeSet;
  /** Stops the blob reader's git process. */
  close(): void;
}

export interface TreeEntry {
  objectId: string;
  kind: FileKind;
}

/** A commit's tree that sources can also read as bytes and list with object ids. */
export interface GitTreeView extends ContentTree {
  entries(): Promise<Map<string, TreeEntry>>;
}

const KIND_BY_MODE: Record<string, FileKind> = { '100644': 'file', '100755': 'file', '120000': 'symlink', '160000': 'submodule' };

/** Parses a git tree object: `<mode> <name>\0<id>` entries, ids of 20 bytes (SHA-1) or 32 (SHA-256). */
export function parseTreeObject(data: Buffer, idBytes: number, directoryId?: (name: string, objectId: string) => void): DirectoryEntries {
  const entries: DirectoryEntries = { files: [], directories: [] };
  // Decoded once, a byte a character, and read by offsets: a decode per field cost 4 ms of a
  // 10-file pull request's directory reads. Only a name holding a byte past ASCII is decoded
  // again, as the UTF-8 git stores.
  const text = data.toString('latin1');
  let offset = 0;
  while (offset < text.length) {
    const space = text.indexOf(' ', offset);
    const nul = text.indexOf('\0', space);
    if (space < 0 || nul < 0) break;
    const mode = text.slice(offset, space);
    let name = text.slice(space + 1, nul);
    if (BEYOND_ASCII.test(name)) name = data.toString('utf8', space + 1, nul);
    if (mode === '40000') {
      entries.directories.push(name);
      directoryId?.(name, data.toString('hex', nul + 1, nul + 1 + idBytes));
    }
    // Submodules (160000) have no content in this repository.
    else if (mode !== '160000') entries.files.push(name);
    offset = nul + 1 + idBytes;
  }
  return entries;
}

const BEYOND_ASCII = /[^\x00-\x7f]/;

/** Whether the last segment of `path` is `name`. */
const isNamed = (path: string, name: string) => path === name || path.endsWith(`/${name}`);

/** A glob pattern that matches `name` literally. */
const literalGlob = (name: string) => name.replace(/[*?[\]\\]/g, '\\$&');

const FULL_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
// The tree with nothing in it, which git knows by these ids whether or not it is stored.
const EMPTY_TREE: Record<number, string> = { 40: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', 64: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321' };

/**
 * The files named `name` in a commit: its diff from the empty tree, limited to that name.
 * git walks the whole tree and prints only the entries that match, with their modes: tens of
 * milliseconds for 100,000 files, where listing the tree would print megabytes for this process
 * to read. Submodules are left out, as `list` leaves them out.
 */
async function filesNamedByDiff(repo: string, commit: string, name: string): Promise<string[]> {
  const { entries } = parseRaw(await git(repo, ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', EMPTY_TREE[commit.length]!, commit, '--', `:(glob)**/${literalGlob(name)}`]));
  // The pattern's case may be folded (core.ignorecase); the name is matched exactly here.
  return entries.filter((entry) => entry.kind !== 'submodule' && isNamed(entry.path, name)).map((entry) => entry.path);
}

/**
 * `git ls-tree -r -z` records (`<mode> <type> <id>\t<path>\0`) as a map of each blob's path to
 * its id and kind. Read in place by offsets: splitting the listing into records, and each record
 * into fields, made five strings and two arrays per file of a 100,000-file scan.
 */
export function parseTreeListing(out: string): Map<string, TreeEntry> {
  const map = new Map<string, TreeEntry>();
  for (let start = 0; start < out.length; ) {
    const nul = out.indexOf('\0', start);
    const end = nul === -1 ? out.length : nul;
    const typeStart = out.indexOf(' ', start) + 1;
    const idStart = out.indexOf(' ', typeStart) + 1;
    const tab = out.indexOf('\t', idStart);
    // Submodules (type "commit") have no content in this repository.
    if (typeStart > start && idStart > typeStart && tab !== -1 && tab < end && out.startsWith('blob ', typeStart)) {
      map.set(out.slice(tab + 1, end), { objectId: out.slice(idStart, tab), kind: KIND_BY_MODE[out.slice(start, typeStart - 1)] ?? 'file' });
    }
    start = end + 1;
  }
  return map;
}

/**
 * A commit's tree. Reading a file or one directory goes through the shared `cat-file --batch`
 * process, without listing anything else; the whole tree is listed (`git ls-tree -r`) only when
 * a check asks for every path.
 */
export function gitTree(repo: string, commit: string, label: string, blobs: BlobReader, knownFiles?: ReadonlyMap<string, string>): GitTreeView {
  let listing: Promise<Map<string, TreeEntry>> | undefined;
  const directories = new Map<string, Promise<DirectoryEntries>>();
  // Objects are asked of git by id where one is known: the changed files' ids from the diff, and
  // a directory's from its parent's listing. Asked by `commit:path`, git walks the trees from the
  // root for every request, and a 10,000-file change made 17,000 such walks.
  const directoryIds = new Map<string, string>();
  // Once the whole tree is listed (a scan lists it first), every blob's id is known. A scan of
  // 100,000 files asked `commit:path` for 2,136 manifests and catalog files, each a walk down the
  // trees from the root: 0.2-0.5 s of git's CPU (bench/RESULTS.md, thirteenth pass). Directories
  // are still read as tree objects by id: listing them from the 100,000 paths instead took more
  // CPU and 30-50 MiB more memory than git's reads of them.
  let listed: Map<string, TreeEntry> | undefined;
  const entries = () =>
    (listing ??= git(repo, ['ls-tree', '-r', '-z', '--full-tree', commit])
      .then(parseTreeListing)
      .then((map) => (listed = map)));
  const bytes = async (path: string) => {
    // A path the listing lacks is no blob: a directory, a submodule or nothing, all unreadable.
    if (listed) {
      const entry = listed.get(path);
      return entry ? blobs.read(entry.objectId) : undefined;
    }
    // A path with a newline cannot be asked of cat-file by name: find it in the listing instead.
    if (path.includes('\n')) {
      const entry = (await entries()).get(path);
      return entry ? blobs.read(entry.objectId) : undefined;
    }
    return blobs.read(knownFiles?.get(path) ?? `${commit}:${path}`);
  };
  const readDirectory = async (directory: string): Promise<DirectoryEntries> => {
    const slash = directory.lastIndexOf('/');
    // The parent's listing names this directory's tree by id (and is cached for its siblings).
    if (directory) await list(slash < 0 ? '' : directory.slice(0, slash));
    const name = directory ? directoryIds.get(directory) : `${commit}^{tree}`;
    if (!name) return { files: [], directories: [] };
    const object = await blobs.readObject(name);
    if (object?.type !== 'tree') return { files: [], directories: [] };
    return parseTreeObject(object.data, commit.length / 2, (child, id) => directoryIds.set(directory ? `${directory}/${child}` : child, id));
  };
  const list = (directory: string) => {
    let found = directories.get(directory);
    if (!found) {
      found = readDirectory(directory);
      directories.set(directory, found);
    }
    return found;
  };
  return {
    ref: label,
    entries,
    bytes,
    list,
    paths: async () => [...(await entries()).keys()],
    // Only for a tree named by its full id, whose length says which empty tree (SHA-1 or
    // SHA-256) git diffs it from; a listing already made answers without asking git.
    ...(FULL_ID.test(commit) && {
      async filesNamed(name: string) {
        if (!listing) return filesNamedByDiff(repo, commit, name);
        const found: string[] = [];
        for (const path of (await listing).keys()) if (isNamed(path, name)) found.push(path);
        return found;
      },
    }),
    async read(path) {
      const blob = await bytes(path);
      if (!blob) return undefined;
      const { binary, text } = readableText(blob);
      return binary ? undefined : text;
    },
  };
}

/** "main (1a2b3c4d5e6f)", or just the short sha when the ref was a sha. */
function refLabel(ref: string, sha: string): string {
  return sha.startsWith(ref) ? sha.slice(0, 12) : `${ref} (${sha.slice(0, 12)})`;
}

export async function resolveCommit(repo: string, ref: string, flag: string): Promise<string> {
  const sha = await gitMaybe(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!sha) throw new UsageError(`${flag} ${ref}: no such commit in ${repo}`);
  return sha;
}

/**
 * The commits of several refs, as `resolveCommit` finds each, from one process where it can: each
 * costs the main thread ~3 ms to start. Plain `rev-parse` of them all prints one id per ref when
 * each names a commit; any other answer (a ref that names none, a range that prints two ids) is
 * asked again one ref a process, so each error is resolveCommit's own, reported in `refs`' order.
 * Plain `rev-parse` takes a ref that starts with a dash for an option, and git 2.39 prints
 * `--end-of-options` back rather than honouring it, so such refs are asked alone.
 */
export async function resolveCommits(repo: string, refs: readonly { ref: string; flag: string }[]): Promise<string[]> {
  if (refs.length > 1 && !refs.some(({ ref }) => ref.startsWith('-'))) {
    const ids = (await gitMaybe(repo, ['rev-parse', ...refs.map(({ ref }) => `${ref}^{commit}`)]))?.split('\n');
    if (ids?.length === refs.length && ids.every((id) => FULL_ID.test(id))) return ids;
  }
  const pending = refs.map(({ ref, flag }) => settleLater(resolveCommit(repo, ref, flag)));
  const commits: string[] = [];
  for (const commit of pending) commits.push(await commit);
  return commits;
}

/** The branch GitHub would compare against: origin's HEAD, else main or master. */
export async function defaultBranch(repo: string): Promise<string | undefined> {
  const originHead = await gitMaybe(repo, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead) return originHead;
  for (const candidate of ['main', 'master', 'origin/main', 'origin/master']) {
    if (await gitMaybe(repo, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])) return candidate;
  }
  return undefined;
}

export async function ensureGitRepository(repo: string): Promise<void> {
  // Every git call first finds the repository's git folder (gitDirOf, asked once per folder):
  // found, the folder is a repository, and no process of its own is needed to say so.
  if ((await gitDirOf(repo)) !== undefined) return;
  try {
    await git(repo, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (error instanceof GitError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError(`${repo} is not a git repository (or does not exist); pass --repo DIR`);
    }
    throw error;
  }
}

/** One file pair of `git diff --raw`: modes, object ids, status and paths. */
export interface RawEntry {
  /** git's status letter: A, C, D, M, R or T. */
  letter: string;
  status: FileStatus;
  path: string;
  previousPath?: string;
  kind: FileKind;
  baseKind?: FileKind;
  headObject?: string;
}

const ZERO_ID = /^0+$/;

/**
 * Parses `git diff --raw -z --no-abbrev` records from the start of `out`, decoded; returns them
 * and where they end. The output is decoded once, not field by field: a NUL byte is never part
 * of a UTF-8 sequence, so each field reads the same either way.
 */
export function parseRaw(out: string): { entries: RawEntry[]; end: number } {
  const entries: RawEntry[] = [];
  let offset = 0;
  const field = () => {
    const nul = out.indexOf('\0', offset);
    const end = nul < 0 ? out.length : nul;
    const text = out.slice(offset, end);
    offset = end + 1;
    return text;
  };
  while (offset < out.length && out.charCodeAt(offset) === 58 /* : */) {
    const [srcMode, dstMode, , dstId, code] = field().slice(1).split(' ') as [string, string, string, string, string];
    const letter = code[0];
    const first = field();
    const second = letter === 'R' || letter === 'C' ? field() : undefined;
    const status: FileStatus = letter === 'A' || letter === 'C' ? 'added' : letter === 'D' ? 'deleted' : letter === 'R' ? 'renamed' : 'modified';
    const path = second ?? first;
    const deleted = status === 'deleted';
    entries.push({
      letter: letter!,
      status,
      path,
      previousPath: letter === 'R' ? first : undefined,
      kind: KIND_BY_MODE[deleted ? srcMode : dstMode] ?? 'file',
      baseKind: status === 'added' ? undefined : KIND_BY_MODE[srcMode],
      headObject: deleted || ZERO_ID.test(dstId) ? undefined : dstId,
    });
  }
  // With a patch after them, the records end with one more NUL.
  if (out.charCodeAt(offset) === 0) offset++;
  return { entries, end: offset };
}

/**
 * The flags every diff of a change runs with. `--text` and `--no-textconv` make git print every
 * line, whatever attributes or filters say; binary is decided later from the bytes. Fixed prefixes
 * and no relative paths keep the output independent of the user's configuration. `-U0` asks for
 * the patch (it implies `-p`), so the listing alone runs without it.
 */
const LISTING_FLAGS = ['--no-ext-diff', '--no-textconv', '--text', '--find-renames', '--no-color', '--no-relative', '--no-abbrev'];
const PATCH_FLAGS = [...LISTING_FLAGS, '--src-prefix=a/', '--dst-prefix=b/', '-U0'];

/** A blob that must exist: the tree or the diff named it. */
async function readBlob(blobs: BlobReader, objectId: string, path: string): Promise<Buffer> {
  const blob = await blobs.read(objectId);
  if (!blob) throw new Error(`${path}: git could not read blob ${objectId}`);
  return blob;
}

/**
 * The files `git diff base head` changes, with their added and removed lines. `base` may be
 * `A...B`'s A with `head` B (`symmetric`): git then diffs from their merge-base, as it finds it.
 *
 * A new file's lines are all of its content, which the checks read anyway: it is read from its
 * blob, as a scan reads it, and git prints a patch only for the other files. Printing every new
 * file whole made git write, and this process parse, the change's content a second time (a 62 MB
 * lockfile: 150 MiB of the run's peak). The short listing comes first, so new files are judged
 * while git works out the rest; they are put first, so no file waiting for the patch holds up one
 * that is not.
 */
export async function diffFiles(repo: string, base: string, head: string, blobs: BlobReader, symmetric = false): Promise<{ files: FileChange[]; headObjects: Map<string, string> }> {
  const range = symmetric ? [`${base}...${head}`] : [base, head];
  const { entries } = parseRaw(await git(repo, ['diff', '--raw', '-z', ...LISTING_FLAGS, ...range, '--']));
  const fromBlob = (entry: RawEntry) => entry.letter === 'A' && entry.kind !== 'submodule' && entry.headObject !== undefined;
  // Both runs detect renames the same way, so the patch holds exactly the entries not read whole.
  const patches = entries.some((entry) => !fromBlob(entry))
    ? settleLater(git(repo, ['diff', '--raw', '-z', '-p', '--diff-filter=a', ...PATCH_FLAGS, ...range, '--']).then((out) => patchesByPath(out.slice(parseRaw(out).end))))
    : undefined;
  const headObjects = new Map<string, string>();
  for (const entry of entries) if (entry.headObject && entry.kind !== 'submodule') headObjects.set(entry.path, entry.headObject);
  const whole: FileChange[] = [];
  const patched: FileChange[] = [];
  const readHead = (path: string) => readBlob(blobs, headObjects.get(path)!, path);
  for (const entry of entries) {
    if (fromBlob(entry)) {
      whole.push(addedFile(entry, readHead));
      continue;
    }
    const lines = async () => {
      const patch = (await patches!).get(entry.path) ?? { added: [], removed: [] };
      // A submodule's "Subproject commit" lines are not content of this repository.
      return { added: entry.kind === 'submodule' ? [] : patch.added, removed: entry.baseKind === 'submodule' ? [] : patch.removed };
    };
    const meta = { path: entry.path, previousPath: entry.previousPath, status: entry.status, kind: entry.kind };
    patched.push(fileFromPatch(meta, lines, async () => (entry.headObject ? blobs.read(entry.headObject) : undefined)));
  }
  return { files: [...whole, ...patched], headObjects };
}

/** Bytes of recently read objects a change's reader keeps for a second read of the same file. */
const RECENT_BLOB_BYTES = 16 * 1024 * 1024;

/**
 * A change set for `base...head` as GitHub shows a pull request: from the merge-base of the
 * two to head. Without `base`, the PR event's base or the default branch is used.
 */
export async function gitRangeSource(options: { repo: string; base?: string; head?: string; pr?: PullRequestInfo; repository?: string | Promise<string | undefined> }): Promise<GitSource> {
  const { repo } = options;
  const headRef = options.head ?? 'HEAD';
  // Each question to git is a process of its own, and the diff waits for these: ask the ones that
  // do not depend on each other at once, then report a missing repository before a missing commit.
  const isRepository = ensureGitRepository(repo);
  const given = settleLater(resolveCommits(repo, [{ ref: headRef, flag: '--head' }, ...(options.base === undefined ? [] : [{ ref: options.base, flag: '--base' }])]));
  await isRepository;
  const [head, givenBase] = (await given) as [string, string | undefined];

  let baseRef = options.base;
  if (!baseRef && options.pr?.baseSha && (await gitMaybe(repo, ['cat-file', '-e', `${options.pr.baseSha}^{commit}`])) !== undefined) {
    baseRef = options.pr.baseSha;
  }
  baseRef ??= await defaultBranch(repo);
  if (!baseRef) throw new UsageError(`could not find a default branch (origin/HEAD, main or master) in ${repo} to compare with; pass --base REF`);
  const baseCommit = givenBase ?? (await resolveCommit(repo, baseRef, '--base'));
  // git diff A...B diffs from the merge-base that git merge-base A B prints (the first, when
  // there are several), so the diff need not wait for it: both run at once.
  const blobs = new BlobReader(repo, RECENT_BLOB_BYTES);
  const diff = baseCommit === head ? undefined : settleLater(diffFiles(repo, baseCommit, head, blobs, true));
  const base = await gitMaybe(repo, ['merge-base', baseCommit, head]);
  if (!base) {
    const shallow = (await gitMaybe(repo, ['rev-parse', '--is-shallow-repository'])) === 'true';
    throw new UsageError(
      shallow
        ? `${baseRef} and ${headRef} share no history in this shallow clone; fetch the history (in GitHub Actions: actions/checkout with fetch-depth: 0)`
        : `${baseRef} and ${headRef} share no history; pass a --base that ${headRef} branched from`,
    );
  }

  const notices: string[] = [];
  if (base === head) {
    notices.push(
      baseCommit === head
        ? `nothing to compare: base and head are the same commit (${head.slice(0, 12)}); no file was checked`
        : `nothing to compare: head ${head.slice(0, 12)} is already part of ${baseRef}; no file was checked`,
    );
  }
  const { files, headObjects } = base === head || !diff ? { files: [], headObjects: undefined } : await diff;

  return {
    changeSet: {
      mode: 'diff',
      files,
      head: gitTree(repo, head, refLabel(headRef, head), blobs, headObjects),
      base: gitTree(repo, base, base === baseCommit ? refLabel(baseRef, base) : `merge-base of ${refLabel(baseRef, baseCommit)} (${base.slice(0, 12)})`, blobs),
      pr: options.pr,
      repository: await options.repository,
      notices,
    },
    close: () => blobs.close(),
  };
}

/**
 * The fewest files for which a scan reads its checkout on a thread of its own. Starting the thread
 * cost a 1,000-file scan 30-50 ms (519 against 486 ms); at 5,000 files the two are within this
 * machine's spread (927 against 971 ms, 999 against 1,118 ms), and at 100,000 the thread saves
 * about a second (bench/RESULTS.md, nineteenth pass).
 */
export const WORK_TREE_MIN_FILES = 2000;

/**
 * Every file of `head`'s tree as added: how `standards scan` reports all divergence.
 * `workTreeMinFiles` (tests) overrides `WORK_TREE_MIN_FILES`.
 */
export async function gitScanSource(options: { repo: string; head?: string; repository?: string; workTreeMinFiles?: number }): Promise<GitSource> {
  const { repo } = options;
  await ensureGitRepository(repo);
  const headRef = options.head ?? 'HEAD';
  const head = await resolveCommit(repo, headRef, '--head');

  const blobs = new BlobReader(repo);
  const tree = gitTree(repo, head, refLabel(headRef, head), blobs);
  const files: FileChange[] = [];
  const [listing, top] = await Promise.all([tree.entries(), workTreeTop(repo)]);
  const fromGit = (path: string) => readBlob(blobs, listing.get(path)!.objectId, path);
  const checkedOut = top === undefined || listing.size < (options.workTreeMinFiles ?? WORK_TREE_MIN_FILES) ? undefined : checkedOutReader(top, listing);
  const read = checkedOut ? async (path: string) => (await checkedOut.read(path)) ?? fromGit(path) : fromGit;
  const take = checkedOut ? (path: string) => checkedOut.take(path) : undefined;
  for (const [path, entry] of listing) {
    // Nothing is kept: the engine reads a file once for all its standards and lets it go, so a
    // scan of any size streams through memory.
    files.push(addedFile({ path, kind: entry.kind }, read, take));
  }
  return {
    changeSet: { mode: 'scan', files, head: tree, base: emptyTree, repository: options.repository },
    close: () => {
      checkedOut?.close();
      blobs.close();
    },
  };
}

/**
 * The listed files as the work tree at `top` holds them, by path, where each is its blob byte for
 * byte (`WorktreeReader`); undefined when the reader is not built. A symbolic link is always read
 * from git: its blob is the link's text, not what it points to.
 */
function checkedOutReader(top: string, listing: ReadonlyMap<string, TreeEntry>): { read(path: string): Promise<Buffer | undefined>; take(path: string): Buffer | undefined; close(): void } | undefined {
  const indexes = new Map<string, number>();
  const paths: string[] = [];
  const objectIds: string[] = [];
  for (const [path, entry] of listing) {
    indexes.set(path, paths.length);
    paths.push(path);
    objectIds.push(entry.kind === 'file' ? entry.objectId : '');
  }
  const reader = WorktreeReader.start(top, paths, objectIds);
  if (!reader) return undefined;
  return { read: (path) => reader.read(indexes.get(path)!), take: (path) => reader.take(indexes.get(path)!), close: () => reader.close() };
}
