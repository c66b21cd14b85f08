import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics.ts';
import type { PathSegment, YamlFile } from './yaml-file.ts';

function pathOf(instancePath: string, value: unknown): PathSegment[] {
  if (!instancePath) return [];
  let current = value;
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const key: PathSegment = Array.isArray(current) ? Number(segment) : segment;
      current = (current as Record<PathSegment, unknown> | undefined)?.[key];
      return key;
    });
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function typeName(type: string | string[]): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return ([] as string[]).concat(type).map((t) => names[t] ?? t).join(' or ');
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The allowed name a typo most likely meant, if any is close enough to suggest. */
export function closest(typo: string, allowed: readonly string[]): string | undefined {
  const ranked = allowed.map((name) => ({ name, distance: editDistance(typo.toLowerCase(), name.toLowerCase()) })).sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(1, Math.floor(typo.length / 4)) ? best.name : undefined;
}

function describe(error: ErrorObject): string {
  const hint = (error.parentSchema as { 'x-hint'?: string } | undefined)?.['x-hint'];
  const { params } = error;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${params.missingProperty}"`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(String(params.additionalProperty), allowed);
      return `unknown field "${params.additionalProperty}"${guess ? ` (did you mean "${guess}"?)` : ''}; allowed fields: ${allowed.join(', ')}`;
    }
    case 'enum':
      return `${show(error.data)} is not allowed; allowed: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${show(params.allowedValue)}, got ${show(error.data)}`;
    case 'type':
      return `must be ${typeName(params.type)}, got ${show(error.data)}`;
    case 'format':
      if (params.format === 'date') return `${show(error.data)} is not a valid date; use YYYY-MM-DD, for example 2027-01-31`;
      if (params.format === 'uri') return `${show(error.data)} is not an absolute URL`;
      return `${show(error.data)} is not a valid ${params.format}`;
    case 'pattern':
      return `${show(error.data)} is not allowed; ${hint ?? `must match ${params.pattern}`}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long`;
    case 'minItems':
      return params.limit === 1 ? 'must list at least one item' : `must list at least ${params.limit} items`;
    case 'uniqueItems':
      return `lists the same item twice (items ${params.j} and ${params.i})`;
    case 'minimum':
      return `must be at least ${params.limit}, got ${show(error.data)}`;
    case 'maximum':
      return `must be at most ${params.limit}, got ${show(error.data)}`;
    case 'minProperties':
      return 'must not be empty';
    default:
      return hint ?? error.message ?? 'is not valid';
  }
}

// Combinators restate what their branches already said; keep the concrete mistakes only.
const NOISE = new Set(['oneOf', 'anyOf', 'if', 'then', 'else', 'allOf', 'not']);

/**
 * Turns ajv's errors into one line per mistake, located in the YAML source.
 * `prefix` places a sub-document (such as `check`) inside the file.
 */
export function schemaDiagnostics(
  errors: readonly ErrorObject[],
  yaml: YamlFile,
  value: unknown,
  prefix: readonly PathSegment[] = [],
): Diagnostic[] {
  const concrete = errors.filter((e) => !NOISE.has(e.keyword));
  const chosen = concrete.length ? concrete : errors;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of chosen) {
    let path = [...prefix, ...pathOf(error.instancePath, value)];
    let onKey = false;
    if (error.keyword === 'additionalProperties') {
      path = [...path, String(error.params.additionalProperty)];
      onKey = true;
    }
    const message = describe(error);
    // Two complaints about one value (a pattern and a format, say) are one mistake: keep the first.
    const perValue = error.keyword !== 'required' && error.keyword !== 'additionalProperties';
    const key = perValue ? `${path.join('/')}|value` : `${path.join('/')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(yaml.diagnostic(path, message, { key: onKey }));
  }
  return diagnostics;
}
