import type { TreeView } from '../../changeset.ts';
import { globProblem, matchesGlob } from '../../globs.ts';
import { filesUnder } from '../../tree.ts';
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

const WILDCARD = /[*?[\]{}]/;

/** Whether one required entry is present in `directory`: literal names are looked up, globs matched against the directory's listing. */
async function present(tree: TreeView, directory: string, entry: RequiredFile): Promise<boolean> {
  const base = directory === '.' ? '' : directory;
  for (const glob of candidates(entry)) {
    const slash = glob.lastIndexOf('/');
    const folder = slash < 0 ? '' : glob.slice(0, slash);
    const name = glob.slice(slash + 1);
    // A glob that reaches into subfolders is matched against everything below the directory.
    if (WILDCARD.test(folder)) {
      const below = await filesUnder(tree, base);
      if (below.some((path) => matchesGlob(base ? path.slice(base.length + 1) : path, glob, { nocase: true }))) return true;
      continue;
    }
    const inside = [base, folder].filter(Boolean).join('/');
    const { files } = await tree.list(inside);
    // Names match case-insensitively, as GitHub finds a README.
    if (files.some((file) => matchesGlob(file, name, { nocase: true }))) return true;
  }
  return false;
}

/** Which required entries `directory` lacks ('.' is the root), asking the tree only about that directory. */
export async function missingIn(tree: TreeView, directory: string, required: readonly RequiredFile[]): Promise<RequiredFile[]> {
  const missing: RequiredFile[] = [];
  for (const entry of required) if (!(await present(tree, directory, entry))) missing.push(entry);
  return missing;
}

/**
 * The directories a glob names, found by walking only the folders its pattern can reach: down
 * its literal leading folders, then one level per remaining segment (everything below, for `**`).
 */
export async function directoriesMatching(tree: TreeView, glob: string): Promise<string[]> {
  if (glob === '.') return ['.'];
  const segments = glob.split('/');
  const firstWildcard = segments.findIndex((segment) => WILDCARD.test(segment));
  const literalDepth = firstWildcard < 0 ? segments.length : firstWildcard;
  const unlimited = segments.includes('**');
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 0 && matchesGlob(dir, glob)) found.push(dir);
    if (!unlimited && depth >= segments.length) return;
    const { directories } = await tree.list(dir);
    const next = depth < literalDepth ? directories.filter((name) => name === segments[depth]) : directories;
    await Promise.all(next.map((name) => walk(dir ? `${dir}/${name}` : name, depth + 1)));
  };
  await walk('', 0);
  return found.sort();
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
    const directories = [...new Set((await Promise.all((options.directories ?? ['.']).map((glob) => directoriesMatching(tree, glob)))).flat())].sort();
    const results: CheckResult[] = [];
    for (const directory of directories) {
      for (const entry of await missingIn(tree, directory, options.files)) {
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
