// The linguist-* attributes .gitattributes files give a path, read from a tree the caller trusts
// (the base of a pull request, never its head: a change must not reclassify its own files).
//
// The only npm parser for .gitattributes (@gyugyu/gitattributes) has not changed in five years,
// and `git check-attr --source` needs git 2.40 and a clone, which the GitHub API and danger
// adapters do not have. So the format is read here, as gitattributes(5) describes it: a pattern
// (C-quoted or bare) and its attributes (`name`, `-name`, `!name`, `name=value`); patterns match
// as in .gitignore, relative to the file's directory, but a pattern never matches a directory's
// contents; later lines win over earlier ones, and deeper files over shallower ones. Macros
// (`[attr]name …`) are read from the root file, as git reads them.
import { Minimatch } from 'minimatch';
import type { TreeView } from '../../changeset.ts';
import { parentDir } from '../../paths.ts';
import { fileExists } from '../../tree.ts';
import type { MaybePromise } from '../../maybe-promise.ts';

/** set: `name` or `name=true`; unset: `-name` or `name=false`; a string for any other value. */
export type AttributeValue = true | false | string;

interface Line {
  matches(relative: string): boolean;
  assignments: [name: string, value: AttributeValue | undefined][];
}

const MATCH_OPTIONS = { dot: true, nobrace: true, noext: true, nocomment: true, nonegate: true } as const;

/** A C-quoted pattern, as git writes one with spaces or special characters: "a b.txt". */
function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(?:([0-7]{3})|(.))/g, (_, octal: string | undefined, char: string) => (octal ? String.fromCharCode(parseInt(octal, 8)) : ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[char] ?? char));
}

function matcher(pattern: string): (relative: string) => boolean {
  // A trailing slash names a directory, and attributes never apply to a directory itself.
  if (pattern.endsWith('/')) return () => false;
  const anchored = pattern.includes('/');
  const compiled = new Minimatch(pattern.startsWith('/') ? pattern.slice(1) : pattern, MATCH_OPTIONS);
  if (!anchored) return (relative) => compiled.match(relative.slice(relative.lastIndexOf('/') + 1));
  return (relative) => compiled.match(relative);
}

function assignment(token: string): [string, AttributeValue | undefined] {
  if (token.startsWith('-')) return [token.slice(1), false];
  if (token.startsWith('!')) return [token.slice(1), undefined];
  const equals = token.indexOf('=');
  if (equals === -1) return [token, true];
  const value = token.slice(equals + 1);
  return [token.slice(0, equals), value === 'true' ? true : value === 'false' ? false : value];
}

/** One .gitattributes file's lines; `macros` holds (and, for the root file, gathers) `[attr]` definitions. */
export function parseGitattributes(text: string, macros: Map<string, [string, AttributeValue | undefined][]>, isRoot: boolean): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const quoted = line.startsWith('"') ? /^"(?:[^"\\]|\\.)*"/.exec(line)?.[0] : undefined;
    const pattern = quoted ? unquote(quoted) : line.split(/\s+/, 1)[0]!;
    const tokens = line.slice(quoted ? quoted.length : pattern.length).trim().split(/\s+/).filter(Boolean);
    const expanded = tokens.flatMap((token) => {
      const macro = macros.get(token);
      return macro ? [[token, true] as [string, AttributeValue], ...macro] : [assignment(token)];
    });
    if (pattern.startsWith('[attr]')) {
      if (isRoot) macros.set(pattern.slice('[attr]'.length), expanded);
      continue;
    }
    // Negative patterns are not allowed in attributes files; git ignores them.
    if (pattern.startsWith('!')) continue;
    lines.push({ matches: matcher(pattern), assignments: expanded });
  }
  return lines;
}

export type LinguistAttributes = Partial<Record<'linguist-vendored' | 'linguist-generated' | 'linguist-documentation' | 'linguist-detectable' | 'linguist-language', AttributeValue>>;

const LINGUIST = new Set(['linguist-vendored', 'linguist-generated', 'linguist-documentation', 'linguist-detectable', 'linguist-language']);

/** The .gitattributes files that apply in a directory, root first, each with its directory. */
type Chain = readonly { directory: string; lines: Line[] }[];

const NO_FILES: Chain = Object.freeze([]);

/**
 * A run that will ask about more paths than this searches the tree once for every .gitattributes
 * file, rather than listing each directory to see whether it has one. A 10-file change stays
 * under it and never pays for the whole tree. A 10,000-file change asked about 4,400 folders,
 * mostly of the base alone, and reading and waiting on their listings cost it a tenth of its run.
 */
const SEARCH_WHOLE_TREE_FOR = 256;
const GITATTRIBUTES = '.gitattributes';
const NO_ATTRIBUTES: LinguistAttributes = Object.freeze({});

const fileIn = (directory: string) => (directory ? `${directory}/${GITATTRIBUTES}` : GITATTRIBUTES);

/** Reads and caches the .gitattributes files of one trusted tree. */
export class Gitattributes {
  private readonly byDirectory = new Map<string, Promise<Line[]>>();
  private readonly chains = new Map<string, Promise<Chain>>();
  /** Chains already read, to answer without waiting: a scan asks once for each of its files. */
  private readonly settled = new Map<string, Chain>();
  private readonly macros = new Map<string, [string, AttributeValue | undefined][]>([['binary', [['diff', false], ['merge', false], ['text', false]]]]);
  /** Whether every .gitattributes file is found by one search of the whole tree. */
  private readonly searchWhole: boolean;
  /** That search, once started, and its answer once it has come. */
  private search: Promise<Set<string>> | undefined;
  private everyFile: Set<string> | undefined;

  /** @param paths how many paths the run will ask about, when it knows (a change's or a scan's files). */
  constructor(
    private readonly tree: TreeView,
    paths = 0,
  ) {
    this.searchWhole = tree.filesNamed !== undefined && paths > SEARCH_WHOLE_TREE_FOR;
  }

  private linesOf(directory: string): Promise<Line[]> {
    let lines = this.byDirectory.get(directory);
    if (!lines) {
      const path = fileIn(directory);
      // The root file first: its macros are needed by every deeper one.
      const ready = directory ? this.linesOf('') : Promise.resolve([]);
      lines = ready.then(async () => ((await this.exists(path)) ? parseGitattributes((await this.tree.read(path)) ?? '', this.macros, directory === '') : []));
      this.byDirectory.set(directory, lines);
    }
    return lines;
  }

  /** Whether the tree has the file: from one search of the whole tree for a large run, else from its directory's listing. */
  private exists(path: string): Promise<boolean> {
    if (!this.searchWhole) return fileExists(this.tree, path);
    this.search ??= this.tree.filesNamed!(GITATTRIBUTES).then((paths) => (this.everyFile = new Set(paths)));
    return this.search.then((files) => files.has(path));
  }

  /** The files that apply in `directory`: its parent's, then its own if it has one. */
  private chainOf(directory: string): Promise<Chain> {
    let chain = this.chains.get(directory);
    if (!chain) {
      const above = directory ? this.chainOf(parentDir(directory)) : Promise.resolve(NO_FILES);
      chain = Promise.all([above, this.linesOf(directory)]).then(([files, lines]) => {
        const applying = lines.length ? [...files, { directory, lines }] : files;
        this.settled.set(directory, applying);
        return applying;
      });
      this.chains.set(directory, chain);
    }
    return chain;
  }

  /**
   * A directory's chain without waiting: once the whole tree has been searched, a directory with
   * no file of its own has its parent's chain, and nearly every directory is answered at once.
   */
  private knownChain(directory: string): Chain | undefined {
    const settled = this.settled.get(directory);
    if (settled || !this.everyFile || this.everyFile.has(fileIn(directory))) return settled;
    const chain = directory ? this.knownChain(parentDir(directory)) : NO_FILES;
    if (chain) this.settled.set(directory, chain);
    return chain;
  }

  /**
   * The linguist-* attributes of a path: deeper files and later lines win. At once when the
   * files that apply in its directory are known, as they are for nearly every path of a scan.
   */
  linguist(path: string): MaybePromise<LinguistAttributes> {
    const directory = parentDir(path);
    const chain = this.knownChain(directory);
    return chain ? attributesIn(chain, path) : this.chainOf(directory).then((found) => attributesIn(found, path));
  }
}

/** The linguist-* attributes a chain of .gitattributes files gives a path. */
function attributesIn(chain: Chain, path: string): LinguistAttributes {
  if (!chain.length) return NO_ATTRIBUTES;
  const found: LinguistAttributes = {};
  for (const { directory, lines } of chain) {
    const relative = directory ? path.slice(directory.length + 1) : path;
    for (const line of lines) {
      if (!line.matches(relative)) continue;
      for (const [name, value] of line.assignments) {
        if (!LINGUIST.has(name)) continue;
        if (value === undefined) delete found[name as keyof LinguistAttributes];
        else found[name as keyof LinguistAttributes] = value;
      }
    }
  }
  return found;
}

const byTree = new WeakMap<TreeView, Gitattributes>();

/** One reader per trusted tree, shared by every standard and the facts of a run; `paths` as for the reader, from the first to ask. */
export function gitattributesOf(tree: TreeView, paths = 0): Gitattributes {
  let reader = byTree.get(tree);
  if (!reader) byTree.set(tree, (reader = new Gitattributes(tree, paths)));
  return reader;
}
