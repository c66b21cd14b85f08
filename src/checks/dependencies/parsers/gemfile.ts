import type { DependencyDraft, ParseError } from '../model.ts';

const DEV_GROUPS = new Set(['development', 'test']);

function symbols(text: string): string[] {
  return [...text.matchAll(/:([A-Za-z_]\w*)|["']([A-Za-z_]\w*)["']/g)].map((m) => m[1] ?? m[2]!);
}

/**
 * A Gemfile's `gem` declarations. A Gemfile is Ruby, so this reads the DSL's common forms
 * rather than evaluating code: `gem "name", "req", …` and `group :a, :b do … end` blocks
 * (development and test groups are dev-only).
 */
export function parseGemfile(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const drafts: DependencyDraft[] = [];
  const stack: { dev: boolean }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i]!.replace(/(^|\s)#.*$/, '').trim();
    if (!code) continue;
    const group = /^group\s*\(?(.+?)\)?\s+do\b/.exec(code);
    if (group) {
      const groups = symbols(group[1]!);
      stack.push({ dev: groups.length > 0 && groups.every((g) => DEV_GROUPS.has(g)) });
      continue;
    }
    if (/\bdo(\s*\|[^|]*\|)?\s*$/.test(code) || /^(if|unless|case|while|begin)\b/.test(code)) {
      stack.push({ dev: stack.at(-1)?.dev ?? false });
      continue;
    }
    if (/^end\b/.test(code)) {
      if (!stack.length) return { drafts, error: { message: '"end" without a matching block', line: i + 1 } };
      stack.pop();
      continue;
    }
    const gem = /^gem\s*\(?\s*(["'])([^"']+)\1((?:\s*,\s*(["'])[^"']*\4)*)(.*)$/.exec(code);
    if (!gem) continue;
    const requirements = [...gem[3]!.matchAll(/(["'])([^"']*)\1/g)].map((m) => m[2]!);
    const inlineGroups = /\bgroups?:\s*\[?([^\]\n]+)\]?|:groups?\s*=>\s*\[?([^\]\n]+)\]?/.exec(gem[5]!);
    const inlineDev = inlineGroups ? symbols(inlineGroups[1] ?? inlineGroups[2]!).every((g) => DEV_GROUPS.has(g)) : false;
    drafts.push({ name: gem[2]!, version: requirements.join(', ') || undefined, dev: inlineDev || stack.some((b) => b.dev), direct: true, line: i + 1 });
  }
  if (stack.length) return { drafts, error: { message: 'a block is never closed with "end"', line: lines.length } };
  return { drafts };
}
