import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { currentParseMemo, type ParseMemo } from './parse-memo.ts';

export type PathSegment = string | number;

/** A parsed YAML file that can say where any of its values came from. */
export interface YamlFile {
  file: string;
  value: unknown;
  /** YAML syntax problems; when present `value` must not be trusted. */
  syntaxErrors: Diagnostic[];
  /** Position of the value at `path`, or of its key with `{ key: true }`, falling back to the nearest ancestor. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  diagnostic(path: readonly PathSegment[], message: string, options?: { key?: boolean }): Diagnostic;
}

export function fieldName(path: readonly PathSegment[]): string {
  return path.reduce<string>((name, segment) => {
    if (typeof segment === 'number') return `${name}[${segment}]`;
    return name ? `${name}.${segment}` : segment;
  }, '');
}

// The YAML 1.2 core schema's tags: anything else (`!!python/object`, `!!binary`, `!custom`) is refused.
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', '!']);
const MAX_ALIAS_EXPANSIONS = 100;

/** Explicit tags outside the core schema, which other YAML loaders may act on, with where they are. */
function unsafeNodes(doc: Document, text: string): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  visit(doc, (_key, node) => {
    if (!isNode(node) || isAlias(node) || !node.tag || CORE_TAGS.has(node.tag)) return;
    const shown = node.tag.startsWith('tag:yaml.org,2002:') ? `!!${node.tag.slice('tag:yaml.org,2002:'.length)}` : node.tag;
    // The node's range starts at its value; point at the tag before it.
    const start = node.range?.[0] ?? 0;
    let tagAt = text.lastIndexOf('!', start);
    while (tagAt > 0 && text[tagAt - 1] === '!') tagAt--;
    const offset = tagAt >= 0 && !text.slice(tagAt, start).includes('\n') ? tagAt : start;
    found.push({ offset, message: `invalid YAML: the tag ${shown} is not allowed; only the YAML core schema (strings, numbers, booleans, null, lists and mappings) is read` });
  });
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED' || found.some((f) => f.offset === warning.pos[0])) continue;
    found.push({ offset: warning.pos[0], message: `invalid YAML: ${warning.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}; only the YAML core schema is read` });
  }
  return found;
}

/** A whole parse with the `yaml` library: positions, every syntax problem, tags and alias expansion checked. */
function parseLocated(file: string, text: string): { doc: Document; lineCounter: LineCounter; syntaxErrors: Diagnostic[]; value: unknown } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntaxErrors: Diagnostic[] = doc.errors.map((error) => {
    const [line, column] = error.linePos ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    // yaml's message repeats the offending source after a blank line; the first line is the mistake.
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { file, line, column, field: '', message: `invalid YAML: ${message}` };
  });
  syntaxErrors.push(...unsafeNodes(doc, text).map(({ offset, message }) => ({ file, ...position(offset), field: '', message })));

  let value: unknown;
  if (!syntaxErrors.length) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      // yaml refuses aliases that expand past the limit (a "billion laughs" file); say where they start.
      let first = 0;
      visit(doc, { Alias: (_key, node) => ((first = node.range?.[0] ?? 0), visit.BREAK) });
      syntaxErrors.push({ file, ...position(first), field: '', message: `invalid YAML: aliases expand past ${MAX_ALIAS_EXPANSIONS} copies, the pattern of a resource-exhaustion attack; write the values out (${(error as Error).message})` });
    }
  }
  return { doc, lineCounter, syntaxErrors, value };
}

// An alias anywhere in the text (`*name` where a value can start: a line's start, after `[`, `{`,
// `,`, `: `, `? ` or `- `) sends the file to the careful parse; a false alarm only costs time.
const MAYBE_ALIAS = /(?:^|[[{,]|[:?-][ \t])[ \t]*\*[^\s,\]}]/m;

/**
 * The value of a clean file by the fast path: js-yaml with only the core schema, which refuses
 * tags outside it and duplicate keys by throwing. Undefined when the careful parse must decide.
 */
function parseFast(text: string, memo: ParseMemo | undefined): { value: unknown } | undefined {
  const recalled = memo?.recall(text);
  if (recalled) return recalled;
  if (MAYBE_ALIAS.test(text)) return undefined;
  try {
    const value = loadYaml(text, { schema: CORE_SCHEMA }) ?? null;
    memo?.learn(text, value);
    return { value };
  } catch {
    return undefined;
  }
}



/**
 * Parses a configuration file. Most files are clean, and js-yaml reads them several times faster
 * than the `yaml` library; that careful parse (positions, tags, aliases) runs only for a file
 * the fast path refuses, or when a diagnostic needs a line and column. A file of the standards
 * folder (`standards: true`: rules, exemptions, teams, config), read unchanged run after run, is
 * looked up in the memo `useParseMemo` set, if any. Only what the fast path read is remembered: a
 * file it refuses goes to the careful parse, whose positions and problems a later run needs too.
 */
export function parseYamlFile(file: string, text: string, options: { standards?: boolean } = {}): YamlFile {
  const fast = parseFast(text, options.standards ? currentParseMemo() : undefined);
  let located: ReturnType<typeof parseLocated> | undefined;
  const careful = () => (located ??= parseLocated(file, text));
  const syntaxErrors = fast ? [] : careful().syntaxErrors;
  const value = fast ? fast.value : careful().value;

  const locate: YamlFile['locate'] = (path, options = {}) => {
    const { doc, lineCounter } = careful();
    const position = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    let node: Node | null | undefined = doc.contents as Node | null;
    let keyNode: Node | undefined;
    let best = node?.range ? node.range[0] : 0;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
        best = (node?.range ?? keyNode.range)?.[0] ?? best;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment] as Node | undefined;
        if (!node) break;
        best = node.range?.[0] ?? best;
      } else {
        break;
      }
    }
    if (options.key && keyNode?.range) return position(keyNode.range[0]);
    return position(best);
  };

  return {
    file,
    value: syntaxErrors.length ? undefined : value,
    syntaxErrors,
    locate,
    diagnostic(path, message, options) {
      return { file, ...locate(path, options), field: fieldName(path), message };
    },
  };
}
