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

/** Which required entries `directory` lacks, given every path in the tree. Names match case-insensitively, as GitHub finds a README. */
export function missingIn(directory: string, paths: readonly string[], required: readonly RequiredFile[]): RequiredFile[] {
  const prefix = directory === '.' ? '' : `${directory}/`;
  const inside = paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  return required.filter((entry) => !inside.some((path) => matchesAny(path, candidates(entry), { nocase: true })));
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
    const results: CheckResult[] = [];
    for (const directory of directories) {
      for (const entry of missingIn(directory, paths, options.files)) {
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
