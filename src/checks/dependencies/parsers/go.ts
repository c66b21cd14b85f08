import type { DependencyDraft, ParseError } from '../model.ts';

function unquote(token: string): string {
  return token.startsWith('"') || token.startsWith('`') ? token.slice(1, -1) : token;
}

interface Replacement {
  from: string;
  fromVersion?: string;
  to: string;
  toVersion?: string;
  line: number;
}

/**
 * go.mod, following the modfile grammar: `require` lines and blocks (with `// indirect`), and
 * `replace`, which changes what is built: a module replaced by another version is judged as that
 * version, and one replaced by a local folder cannot be verified. `exclude`, `retract` and the
 * rest are read past.
 */
export function parseGoMod(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const drafts: DependencyDraft[] = [];
  const replacements: Replacement[] = [];
  const lines = text.split(/\r?\n/);
  let block: string | undefined;
  let blockLine = 0;
  const require = (spec: string, comment: string, line: number) => {
    const [path, version, ...extra] = spec.trim().split(/\s+/);
    if (!path || !version || extra.length) return { message: `require needs a module path and a version, got "${spec.trim()}"`, line };
    drafts.push({ name: unquote(path), version, dev: false, direct: !/\bindirect\b/.test(comment), line });
    return undefined;
  };
  const replace = (spec: string, line: number) => {
    const [left = '', right = ''] = spec.split('=>');
    const [from, fromVersion] = left.trim().split(/\s+/);
    const [to, toVersion] = right.trim().split(/\s+/);
    if (!from || !to) return { message: `replace needs "module [version] => replacement [version]", got "${spec.trim()}"`, line };
    replacements.push({ from: unquote(from), fromVersion, to: unquote(to), toVersion, line });
    return undefined;
  };
  const directive = (verb: string, argument: string, comment: string, line: number) => (verb === 'require' ? require(argument, comment, line) : verb === 'replace' ? replace(argument, line) : undefined);
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
      const error = directive(block, code, comment, i + 1);
      if (error) return { drafts, error };
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
    const error = directive(verb!, argument, comment, i + 1);
    if (error) return { drafts, error };
  }
  if (block) return { drafts, error: { message: `the ${block} block opened here is never closed with ")"`, line: blockLine } };
  for (const draft of drafts) {
    const replacement = replacements.find((r) => r.from === draft.name && (!r.fromVersion || r.fromVersion === draft.version));
    if (!replacement) continue;
    if (!replacement.toVersion) {
      draft.versionProblem = `go.mod line ${replacement.line} replaces it with the local folder ${replacement.to}, which has no version`;
    } else {
      draft.name = replacement.to;
      draft.version = replacement.toVersion;
      draft.line = replacement.line;
    }
  }
  return { drafts };
}
