import type { ChangedLine } from '../../changeset.ts';
import { compileUserRegex, regexProblem, type UserRegex } from '../../engine/regex.ts';
import { defineCheck, NO_RESULTS, type AddedText, type CheckResult, type OptionProblem } from '../types.ts';

export interface ForbiddenContentOptions {
  pattern: string;
  allow_pattern?: string;
  case_insensitive?: boolean;
  description?: string;
}

/** Lines that match `forbidden` and are not excused by `allowed`. */
export function forbiddenLines(lines: readonly ChangedLine[], forbidden: UserRegex, allowed?: UserRegex) {
  const hits: { line: number; text: string }[] = [];
  for (const { line, text } of lines) {
    if (forbidden.test(text) && !allowed?.test(text)) hits.push({ line, text: text.trim() });
  }
  return hits;
}

/**
 * The same as `forbiddenLines`, on lines joined into one text: the pattern searches the text
 * once, and only the lines it lands on are split out and judged one by one. Running a matcher
 * per line cost more than everything else in a large scan.
 */
export function forbiddenInText(text: string, noLines: boolean, lineNumber: (index: number) => number, forbidden: UserRegex, allowed?: UserRegex) {
  const hits: { line: number; text: string }[] = [];
  if (noLines) return hits;
  if (!forbidden.candidates) {
    const lines = text.split('\n').map((line, index) => ({ line: lineNumber(index), text: line }));
    return forbiddenLines(lines, forbidden, allowed);
  }
  let index = 0;
  let lineStart = 0;
  for (const offset of forbidden.candidates(text)) {
    for (let next = text.indexOf('\n', lineStart); next >= 0 && next < offset; next = text.indexOf('\n', lineStart)) {
      index++;
      lineStart = next + 1;
    }
    const end = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, end < 0 ? text.length : end);
    if (forbidden.test(line) && !allowed?.test(line)) hits.push({ line: lineNumber(index), text: line.trim() });
  }
  return hits;
}

const MAX_SHOWN = 80;

// A standard's options object lives as long as the standard: compile its patterns once, not per file.
const compiledPatterns = new WeakMap<ForbiddenContentOptions, { forbidden: UserRegex; allowed?: UserRegex }>();

function patternsOf(options: ForbiddenContentOptions): { forbidden: UserRegex; allowed?: UserRegex } {
  let patterns = compiledPatterns.get(options);
  if (!patterns) {
    const caseInsensitive = options.case_insensitive ?? false;
    patterns = { forbidden: compileUserRegex(options.pattern, { caseInsensitive }), allowed: options.allow_pattern ? compileUserRegex(options.allow_pattern, { caseInsensitive }) : undefined };
    compiledPatterns.set(options, patterns);
  }
  return patterns;
}

export const forbiddenContent = defineCheck<ForbiddenContentOptions>({
  type: 'forbidden-content',
  summary: 'No added line may match `pattern` (an RE2 regular expression) unless it also matches `allow_pattern`.',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['pattern'],
    properties: {
      pattern: { type: 'string', minLength: 1, description: 'RE2 syntax; matched against each added line.' },
      allow_pattern: { type: 'string', minLength: 1, description: 'RE2 syntax; a line that also matches this is allowed.' },
      case_insensitive: { type: 'boolean' },
      description: { type: 'string', minLength: 1, description: 'What the pattern finds, in words, for the message.' },
    },
  },
  messages: {
    forbidden: 'adds {{description}}: {{text}}',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    for (const key of ['pattern', 'allow_pattern'] as const) {
      const source = options[key];
      const problem = source === undefined ? undefined : regexProblem(source);
      if (problem) problems.push({ path: [key], message: problem });
    }
    return problems;
  },
  evaluateFile({ options, file, content }) {
    // At once when the file is read (a scan's, after its first question); otherwise once it is.
    const now = content.now;
    return now ? forbiddenResults(options, file.path, now.addedText()) : content.addedText().then((added) => forbiddenResults(options, file.path, added));
  },
});

/** One file's results: a binary file's added lines stop at its first NUL byte, so text hidden before it is still judged. */
function forbiddenResults(options: ForbiddenContentOptions, path: string, added: AddedText): CheckResult[] {
  const { forbidden, allowed } = patternsOf(options);
  const results: CheckResult[] = [];
  // Empty text is no line at all only when there are none: it may be one empty line. The
  // count is asked for only then, since counting a whole file's lines costs a scan.
  const hits = forbiddenInText(added.text, added.text === '' && added.lines === 0, added.lineNumber, forbidden, allowed);
  if (!hits.length) return NO_RESULTS;
  // Made only for a file with hits: most files of a large scan have none.
  const description = hits.length ? (options.description ?? `text matching /${options.pattern}/`) : '';
  for (const hit of hits) {
    const text = hit.text.length > MAX_SHOWN ? `${hit.text.slice(0, MAX_SHOWN)}…` : hit.text;
    results.push({ messageId: 'forbidden', file: path, line: hit.line, data: { description, text } });
  }
  return results;
}
