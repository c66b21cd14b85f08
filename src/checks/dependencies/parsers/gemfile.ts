import type { DependencyDraft, ParseError } from '../model.ts';

const DEV_GROUPS = new Set(['development', 'test']);

function symbols(text: string): string[] {
  return [...text.matchAll(/:([A-Za-z_]\w*)|["']([A-Za-z_]\w*)["']/g)].map((m) => m[1] ?? m[2]!);
}

const isDevGroup = (text: string) => {
  const groups = symbols(text);
  return groups.length > 0 && groups.every((g) => DEV_GROUPS.has(g));
};

/** Logical lines: comments removed, and a line continued by a trailing comma or backslash joined to the next. */
function logicalLines(text: string): { code: string; line: number }[] {
  const raw = text.split(/\r?\n/);
  const out: { code: string; line: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let code = raw[i]!.replace(/(^|\s)#.*$/, '').trim();
    while ((code.endsWith(',') || code.endsWith('\\')) && i + 1 < raw.length) code = `${code.replace(/\\$/, '')} ${raw[++i]!.replace(/(^|\s)#.*$/, '').trim()}`;
    if (code) out.push({ code, line });
  }
  return out;
}

const SOURCE = /\b(git|github|gitlab|bitbucket|path)\s*:\s*["']([^"']+)["']|:(git|github|gitlab|bitbucket|path)\s*=>\s*["']([^"']+)["']/;

/**
 * A Gemfile's `gem` declarations. A Gemfile is Ruby, so this reads the DSL's common forms
 * rather than evaluating code: `gem "name", "req", …` (continued over lines), `group :a do … end`
 * and `group(:a) { … }` blocks, `group: :test` options (development and test groups are
 * dev-only), and `git:`/`path:` sources, whose version cannot be known.
 */
export function parseGemfile(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const drafts: DependencyDraft[] = [];
  const stack: { dev: boolean; brace: boolean }[] = [];
  const inDev = () => stack.some((b) => b.dev);
  const gem = (code: string, line: number, dev: boolean) => {
    const match = /^gem\s*\(?\s*(["'])([^"']+)\1((?:\s*,\s*(["'])[^"']*\4)*)(.*)$/.exec(code);
    if (!match) return;
    const requirements = [...match[3]!.matchAll(/(["'])([^"']*)\1/g)].map((m) => m[2]!);
    const options = match[5]!;
    const inline = /\bgroups?:\s*\[?([^\]\n]+)\]?|:groups?\s*=>\s*\[?([^\]\n]+)\]?/.exec(options);
    const source = SOURCE.exec(options);
    drafts.push({
      name: match[2]!,
      version: requirements.join(', ') || undefined,
      versionProblem: source ? `it is installed from ${source[1] ?? source[3]} ${source[2] ?? source[4]}, not a released version` : undefined,
      dev: dev || (inline ? isDevGroup(inline[1] ?? inline[2]!) : false),
      direct: true,
      line,
    });
  };
  for (const { code, line } of logicalLines(text)) {
    const oneLine = /^group\s*\(?([^{]+?)\)?\s*\{(.*)\}\s*$/.exec(code);
    if (oneLine) {
      for (const statement of oneLine[2]!.split(';')) gem(statement.trim(), line, inDev() || isDevGroup(oneLine[1]!));
      continue;
    }
    const opens = /^group\s*\(?(.+?)\)?\s*(do(?:\s*\|[^|]*\|)?|\{)\s*$/.exec(code);
    if (opens) {
      stack.push({ dev: isDevGroup(opens[1]!), brace: opens[2] === '{' });
      continue;
    }
    if (/\bdo(\s*\|[^|]*\|)?\s*$/.test(code) || /^(if|unless|case|while|begin)\b/.test(code)) {
      stack.push({ dev: false, brace: false });
      continue;
    }
    if (/^end\b/.test(code) || code === '}') {
      const block = stack.pop();
      if (!block) return { drafts, error: { message: `"${code}" without a matching block`, line } };
      continue;
    }
    gem(code, line, inDev());
  }
  if (stack.length) return { drafts, error: { message: 'a block is never closed', line: text.split(/\r?\n/).length } };
  return { drafts };
}
