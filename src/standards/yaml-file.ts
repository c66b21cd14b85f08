import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';

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

export function parseYamlFile(file: string, text: string): YamlFile {
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

  const locate: YamlFile['locate'] = (path, options = {}) => {
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
    value: syntaxErrors.length ? undefined : doc.toJS(),
    syntaxErrors,
    locate,
    diagnostic(path, message, options) {
      return { file, ...locate(path, options), field: fieldName(path), message };
    },
  };
}
