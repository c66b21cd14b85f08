import { directoriesOf, globProblem, matchesAny, matchesGlob } from '../../globs.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';

type RequiredFile = string | { name?: string; any_of: string[] };

export interface RequiredFilesOptions {
  files: RequiredFile[];
  directories?: string[];
}

function candidates(entry: RequiredFile): string[] {
  return typeof entry === 'string' ? [entry] : entry.any_of;
}

function label(entry: RequiredFile): string {
  return typeof entry === 'string' ? entry : entry.name ?? entry.any_of[0]!;
}

/**
 * A tree's paths grouped for "what is in this directory" questions, built once: the names
 * directly inside each directory, and the sorted paths for the rare glob that reaches deeper.
 * Filtering the whole tree once per directory was quadratic on large trees.
 */
export class DirectoryListing {
  private readonly direct = new Map<string, string[]>();
  private readonly sorted: string[];

  constructor(paths: readonly string[]) {
    this.sorted = [...paths].sort();
    for (const path of this.sorted) {
      const slash = path.lastIndexOf('/');
      const dir = slash < 0 ? '.' : path.slice(0, slash);
      const names = this.direct.get(dir);
      if (names) names.push(path.slice(slash + 1));
      else this.direct.set(dir, [path.slice(slash + 1)]);
    }
  }

  /** Paths relative to `directory` that a glob may match: direct names, or everything below for a glob with a "/". */
  inside(directory: string, deep: boolean): string[] {
    if (!deep) return this.direct.get(directory) ?? [];
    const prefix = directory === '.' ? '' : `${directory}/`;
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) found.push(this.sorted[i]!.slice(prefix.length));
    return found;
  }
}

/** Which required entries `directory` lacks. Names match case-insensitively, as GitHub finds a README. */
export function missingIn(directory: string, listing: DirectoryListing | readonly string[], required: readonly RequiredFile[]): RequiredFile[] {
  const tree = listing instanceof DirectoryListing ? listing : new DirectoryListing(listing);
  return required.filter((entry) => {
    const globs = candidates(entry);
    const deep = globs.some((glob) => glob.includes('/'));
    return !tree.inside(directory, deep).some((path) => matchesAny(path, globs, { nocase: true }));
  });
}

export const requiredFiles = defineCheck<RequiredFilesOptions>({
  type: 'required-files',
  summary: 'Each listed file (or one of its alternatives) exists in the repository root, or in each directory matched by `directories`.',
  scope: 'repo',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['files'],
    properties: {
      files: {
        type: 'array',
        minItems: 1,
        description: 'Paths relative to each directory; an entry may list alternatives.',
        items: {
          anyOf: [
            { type: 'string', minLength: 1 },
            {
              type: 'object',
              additionalProperties: false,
              required: ['any_of'],
              properties: {
                name: { type: 'string', minLength: 1 },
                any_of: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              },
            },
          ],
        },
      },
      directories: {
        type: 'array',
        minItems: 1,
        description: 'Globs of directories that must each hold the files; "." (the default) is the root.',
        items: { type: 'string', minLength: 1 },
      },
    },
  },
  messages: {
    missing: '{{where}} has no {{name}} (looked for: {{candidates}})',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    options.files.forEach((entry, i) => {
      candidates(entry).forEach((glob, j) => {
        const problem = globProblem(glob);
        if (problem) problems.push({ path: typeof entry === 'string' ? ['files', i] : ['files', i, 'any_of', j], message: problem });
      });
    });
    options.directories?.forEach((glob, i) => {
      const problem = glob === '.' ? undefined : globProblem(glob);
      if (problem) problems.push({ path: ['directories', i], message: problem });
    });
    return problems;
  },
  async evaluate({ options, tree }) {
    const paths = await tree.paths();
    const patterns = options.directories ?? ['.'];
    const directories = directoriesOf(paths).filter((dir) => patterns.some((glob) => (glob === '.' ? dir === '.' : matchesGlob(dir, glob))));
    const listing = new DirectoryListing(paths);
    const results: CheckResult[] = [];
    for (const directory of directories) {
      for (const entry of missingIn(directory, listing, options.files)) {
        results.push({
          messageId: 'missing',
          file: directory === '.' ? undefined : directory,
          data: {
            where: directory === '.' ? 'the repository root' : `${directory}/`,
            name: label(entry),
            candidates: candidates(entry).join(', '),
          },
        });
      }
    }
    return results;
  },
});
