import type { DependencyDraft, ParseError } from '../model.ts';

function unquote(token: string): string {
  return token.startsWith('"') || token.startsWith('`') ? token.slice(1, -1) : token;
}

/**
 * go.mod, following the modfile grammar: `require` lines and blocks (with `// indirect`);
 * `replace`, `exclude`, `retract` and the rest are read past, not mistaken for requirements.
 */
export function parseGoMod(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const drafts: DependencyDraft[] = [];
  const lines = text.split(/\r?\n/);
  let block: string | undefined;
  let blockLine = 0;
  const require = (spec: string, comment: string, line: number) => {
    const [path, version, ...extra] = spec.trim().split(/\s+/);
    if (!path || !version || extra.length) return { message: `require needs a module path and a version, got "${spec.trim()}"`, line };
    drafts.push({ name: unquote(path), version, dev: false, direct: !/\bindirect\b/.test(comment), line });
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const commentAt = raw.indexOf('//');
    const code = (commentAt >= 0 ? raw.slice(0, commentAt) : raw).trim();
    const comment = commentAt >= 0 ? raw.slice(commentAt + 2) : '';
    if (block) {
      if (code === ')') {
        block = undefined;
        continue;
      }
      if (!code) continue;
      if (block === 'require') {
        const error = require(code, comment, i + 1);
        if (error) return { drafts, error };
      }
      continue;
    }
    if (!code) continue;
    const [verb, ...rest] = code.split(/\s+/);
    const argument = rest.join(' ');
    if (argument === '(') {
      block = verb;
      blockLine = i + 1;
      continue;
    }
    if (verb === 'require') {
      const error = require(argument, comment, i + 1);
      if (error) return { drafts, error };
    }
  }
  if (block) return { drafts, error: { message: `the ${block} block opened here is never closed with ")"`, line: blockLine } };
  return { drafts };
}
