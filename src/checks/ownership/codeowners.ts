import { Minimatch } from 'minimatch';
import { screened } from '../../globs.ts';

/** Where GitHub looks for CODEOWNERS, in the order it looks. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** GitHub does not load a CODEOWNERS file of 3 MB or more. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  line: number;
  matches(path: string): boolean;
}

export interface CodeownersError {
  line: number;
  column: number;
  message: string;
}

export interface Codeowners {
  rules: CodeownersRule[];
  errors: CodeownersError[];
}

/** The anchored, glob-free leading folders of a pattern (`/services/svc-0/` → `services/svc-0`); '' for a pattern that can match anywhere. */
function literalPrefix(pattern: string): string {
  let body = pattern.replace(/\/+$/, '');
  if (!body.includes('/')) return '';
  body = body.replace(/^\/+/, '');
  const literal: string[] = [];
  for (const segment of body.split('/')) {
    if (/[*?[\]{}!\\]/.test(segment)) break;
    literal.push(segment);
  }
  // The last literal segment may be a file or a folder: it indexes the rule either way.
  return literal.join('/');
}

const NONE: readonly number[] = [];

/**
 * The rules of a CODEOWNERS file indexed by their literal leading folders, so a path is tested
 * only against the rules that could match it: those anchored at one of its ancestors, and those
 * that can match anywhere. Large changes met every rule for every file before.
 */
export class CodeownersIndex {
  private readonly byPrefix = new Map<string, number[]>();
  private readonly anywhere: number[] = [];
  /**
   * By folder, the rules that can match what is in it, last first: those anchored at the folder
   * or above it, and those that match anywhere. Made once per folder: the files of a folder
   * share it, where each file's lookup used to gather and sort them again.
   */
  private readonly byFolder = new Map<string, readonly number[]>();

  constructor(readonly codeowners: Codeowners) {
    codeowners.rules.forEach((rule, index) => {
      const prefix = literalPrefix(rule.pattern);
      if (!prefix) this.anywhere.push(index);
      else this.byPrefix.set(prefix, [...(this.byPrefix.get(prefix) ?? []), index]);
    });
  }

  private candidatesIn(folder: string): readonly number[] {
    let found = this.byFolder.get(folder);
    if (!found) {
      const slash = folder.lastIndexOf('/');
      const above = folder ? this.candidatesIn(slash < 0 ? '' : folder.slice(0, slash)) : [...this.anywhere].reverse();
      const own = folder ? this.byPrefix.get(folder) : undefined;
      found = own ? [...above, ...own].sort((a, b) => b - a) : above;
      this.byFolder.set(folder, found);
    }
    return found;
  }

  /** The rule that decides a path's owners: the last one that matches. */
  ruleFor(path: string): CodeownersRule | undefined {
    const slash = path.lastIndexOf('/');
    const inFolder = this.candidatesIn(slash < 0 ? '' : path.slice(0, slash));
    // Rules anchored at the path itself (a file's own line), in ascending order: merged from the end.
    const own = this.byPrefix.get(path) ?? NONE;
    let i = 0;
    let j = own.length - 1;
    while (i < inFolder.length || j >= 0) {
      const index = j < 0 || (i < inFolder.length && inFolder[i]! > own[j]!) ? inFolder[i++]! : own[j--]!;
      const rule = this.codeowners.rules[index]!;
      if (rule.matches(path)) return rule;
    }
    return undefined;
  }

  ownersOf(path: string): string[] {
    return this.ruleFor(path)?.owners ?? [];
  }
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export type OwnerKind = 'user' | 'team' | 'email';

export function ownerKind(owner: string): OwnerKind | undefined {
  if (TEAM.test(owner)) return 'team';
  if (USER.test(owner)) return 'user';
  if (EMAIL.test(owner)) return 'email';
  return undefined;
}

/**
 * A CODEOWNERS pattern as GitHub reads it (gitignore rules, with its documented exceptions):
 * a leading or inner `/` anchors to the root, otherwise the pattern matches at any depth; a
 * trailing `/` matches a directory's contents; a pattern matches a path or any directory above
 * it — except that a last segment of `*` matches files directly inside only (`docs/*`).
 */
export function compilePattern(pattern: string): (path: string) => boolean {
  const parts = patternParts(pattern);
  if (!parts) return () => false;
  return literalPattern(parts) ?? globPattern(parts);
}

interface PatternParts {
  /** The pattern without its leading and trailing slashes. */
  body: string;
  /** A trailing `/`: the pattern matches what is inside a directory, never a file of its name. */
  directoryOnly: boolean;
  /** A `/` at the start or inside: the pattern is relative to the root. */
  anchored: boolean;
}

export function patternParts(pattern: string): PatternParts | undefined {
  let body = pattern;
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const anchored = body.includes('/');
  body = body.replace(/^\/+/, '');
  return body ? { body, directoryOnly, anchored } : undefined;
}

/** The pattern through minimatch: any pattern (and, in tests, the measure of the literal comparisons). */
export function globPattern({ body, directoryOnly, anchored }: PatternParts): (path: string) => boolean {
  const source = anchored ? body : `**/${body}`;
  const glob = new Minimatch(source, { dot: true, nocomment: true, nonegate: true, nobrace: true, noext: true });
  const matches = screened(source, (candidate) => glob.match(candidate));
  const directChildrenOnly = !directoryOnly && body.split('/').pop() === '*';
  return (path) => {
    if (!directoryOnly && matches(path)) return true;
    if (directChildrenOnly) return false;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) if (matches(path.slice(0, slash))) return true;
    return false;
  };
}

// What minimatch may read as more than the character itself, with any of its options.
const GLOB_MAGIC = /[*?[\]{}()!+@\\]/;

/**
 * A pattern with no glob in it (`/services/payments/`, `README.md`, nearly every line of a
 * generated CODEOWNERS) as string comparisons: the path, or a directory above it, is the pattern
 * (anchored) or ends with it at a segment (not anchored). Through minimatch each file met its
 * rule once per directory above it: 150–270 ms of the main thread in profiles of a 100,000-file
 * scan (bench/RESULTS.md, twenty-first pass). Undefined for a pattern minimatch reads otherwise: a glob
 * character, or a `.`, `..` or empty segment, which it normalises.
 */
function literalPattern({ body, directoryOnly, anchored }: PatternParts): ((path: string) => boolean) | undefined {
  if (GLOB_MAGIC.test(body) || body.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  const inside = `${body}/`;
  if (anchored) return directoryOnly ? (path) => path.startsWith(inside) : (path) => path === body || path.startsWith(inside);
  // At any depth: the pattern is a run of whole segments of the path, ending at the path's end
  // (the path itself, when it may be a file) or before a `/` (a directory above it).
  const nested = `/${body}`;
  const nestedInside = `/${inside}`;
  return (path) => path.startsWith(inside) || path.includes(nestedInside) || (!directoryOnly && (path === body || path.endsWith(nested)));
}

/** Splits a line into whitespace-separated fields, honouring `\ ` escapes in paths. */
function fields(line: string): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    const column = i + 1;
    let text = '';
    while (i < line.length && !/\s/.test(line[i]!)) {
      if (line[i] === '\\' && line[i + 1] === ' ') {
        text += ' ';
        i += 2;
      } else text += line[i++];
    }
    out.push({ text, column });
  }
  return out;
}

/** Parses CODEOWNERS; lines GitHub would reject are reported with their position and skipped, as GitHub skips them. */
export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.startsWith('\\#')) {
      errors.push({ line, column: 1, message: 'escaping a leading "#" with "\\" does not work in CODEOWNERS; the line is ignored' });
      return;
    }
    // A # at the start, or after white space, begins a comment.
    const content = raw.replace(/(^|\s)#.*$/, '');
    const [pattern, ...owners] = fields(content);
    if (!pattern) return;
    if (pattern.text.startsWith('!')) {
      errors.push({ line, column: pattern.column, message: 'negating a pattern with "!" does not work in CODEOWNERS; the line is ignored' });
      return;
    }
    const bracket = pattern.text.search(/[[\]]/);
    if (bracket >= 0) {
      errors.push({ line, column: pattern.column + bracket, message: 'character ranges with "[ ]" do not work in CODEOWNERS; the line is ignored' });
      return;
    }
    const invalid = owners.find((owner) => !ownerKind(owner.text));
    if (invalid) {
      errors.push({ line, column: invalid.column, message: `"${invalid.text}" is not an owner; owners are @user, @org/team or an email address` });
      return;
    }
    rules.push({ pattern: pattern.text, owners: owners.map((o) => o.text), line, matches: compilePattern(pattern.text) });
  });
  return { rules, errors };
}

/** The rule that decides a path's owners: the last one that matches. */
export function ruleFor(codeowners: Codeowners, path: string): CodeownersRule | undefined {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) if (codeowners.rules[i]!.matches(path)) return codeowners.rules[i];
  return undefined;
}

export function ownersOf(codeowners: Codeowners, path: string): string[] {
  return ruleFor(codeowners, path)?.owners ?? [];
}

/** The CODEOWNERS file GitHub would use among `paths`, if any. */
export function codeownersPath(paths: Iterable<string>): string | undefined {
  const present = new Set(paths);
  return CODEOWNERS_LOCATIONS.find((location) => present.has(location));
}
