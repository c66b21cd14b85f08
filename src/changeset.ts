export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedLine {
  /** 1-based line number: in the head file for added lines, in the base file for removed ones. */
  line: number;
  text: string;
}

/** What a path holds: a regular file, a symbolic link (its content is the target path), or a submodule (no content here). */
export type FileKind = 'file' | 'symlink' | 'submodule';

export interface LineCounts {
  additions: number;
  deletions: number;
}

export interface FileChange {
  path: string;
  /** The path at base, for renames. */
  previousPath?: string;
  status: FileStatus;
  /** What the path holds at head (at base, when deleted); absent means a regular file. */
  kind?: FileKind;
  /**
   * Lines added and removed, as `git diff --numstat --text` counts them; in a scan, every line of
   * the file is added. Asked for, not given, because a new file's count needs its content.
   */
  lineCounts(): Promise<LineCounts>;
  /**
   * Whether the content at head is binary by git's own rule, a NUL byte in its first 8,000
   * bytes, decided from the bytes: never from attributes the change itself controls.
   */
  isBinary(): Promise<boolean>;
  /** Added lines of text; in a binary file, only the text before its first NUL byte. */
  addedLines(): Promise<ChangedLine[]>;
  /**
   * When every line of the file is added (a scan): its readable text, the same lines as
   * `addedLines` joined by newlines, without splitting a large file into line objects.
   */
  addedText?(): Promise<{ text: string; lines: number }>;
  /**
   * When every line of the file is added (a scan): the file at head, its bytes read once, as
   * text and whether it is binary (the text then stops at its first NUL byte).
   */
  headContent?(): Promise<{ binary: boolean; text: string }>;
  /**
   * `headContent`, at once, when the bytes are at hand without waiting (a checkout read ahead of
   * the scan); undefined otherwise. Taking them lets them go: ask once, then `headContent`.
   */
  headContentNow?(): { binary: boolean; text: string } | undefined;
  removedLines(): Promise<ChangedLine[]>;
}

/** What one directory holds: names of its files and of its subdirectories. */
export interface DirectoryEntries {
  files: string[];
  directories: string[];
}

/**
 * A tree (head or base) that checks may list and read lazily. A check about a change should
 * ask about the directories it needs (`list`) rather than walk the whole tree (`paths`): then a
 * small pull request costs the same in a repository of any size.
 */
export interface TreeView {
  /** A label for messages: a commit, a ref, or "working tree". */
  ref: string;
  /** Every file path in the tree; costs a walk of the whole tree. */
  paths(): Promise<string[]>;
  /** One directory's entries ('' is the root); empty when it is not a directory. */
  list(directory: string): Promise<DirectoryEntries>;
  /** Text of a file, or undefined when it is absent, not a file, or binary. */
  read(path: string): Promise<string | undefined>;
  /**
   * Every file named `name` at any depth, as `list` would show it in its directory's `files`
   * (no directory or submodule of that name), found in one pass over the whole tree: for a caller
   * that would otherwise list most of the tree's directories one at a time. Trees that cannot
   * search more cheaply than listing each directory leave it out.
   */
  filesNamed?(name: string): Promise<string[]>;
}

export interface PullRequestInfo {
  number?: number;
  title: string;
  body: string;
  labels: string[];
  author?: string;
  draft: boolean;
  baseSha?: string;
  headSha?: string;
  baseRef?: string;
}

/**
 * What the engine judges. `diff` comes from comparing two trees (git, danger, GitHub);
 * `scan` treats every file of one tree as added.
 */
export interface ChangeSet {
  mode: 'diff' | 'scan';
  files: FileChange[];
  head: TreeView;
  base: TreeView;
  pr?: PullRequestInfo;
  /** owner/name of the repository under review, when known. */
  repository?: string;
  /** What a reader must know about how the change set was built, such as "base and head are the same commit". */
  notices?: string[];
}

export const emptyTree: TreeView = {
  ref: 'empty tree',
  paths: async () => [],
  list: async () => ({ files: [], directories: [] }),
  read: async () => undefined,
};

/** Splits text into numbered lines, the shape a scan uses for "every line is added". */
export function numberLines(text: string): ChangedLine[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((content, index) => ({ line: index + 1, text: content }));
}

/**
 * A whole file's readable text as one string without its final newline, and how many lines it
 * has. The lines are counted when first asked for: a scan's searches need only to know that a
 * file has some, and counting every file's cost a 100,000-file scan 100–150 ms.
 */
export function linesOfText(text: string): { text: string; readonly lines: number } {
  if (!text) return new TextLines(text, 0);
  return new TextLines(text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text);
}

class TextLines {
  #lines: number | undefined;

  constructor(
    readonly text: string,
    lines?: number,
  ) {
    this.#lines = lines;
  }

  get lines(): number {
    if (this.#lines === undefined) {
      let lines = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) lines++;
      this.#lines = lines;
    }
    return this.#lines;
  }
}
