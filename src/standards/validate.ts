import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Diagnostic } from '../diagnostics.ts';
import { schemaDiagnostics } from './schema-errors.ts';
import type { PathSegment, YamlFile } from './yaml-file.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** The validator every schema here uses: draft-07 with formats such as date and uri. */
export function createAjv(options: { verbose?: boolean } = {}): Ajv {
  return addFormats(new Ajv({ allErrors: true, verbose: options.verbose ?? false, strict: false }));
}

const ajv = createAjv({ verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();

/** Validates `value` (found at `prefix` inside `yaml`) against `schema`, returning located one-line diagnostics. */
export function validateAgainst(schema: AnySchema, value: unknown, yaml: YamlFile, prefix: readonly PathSegment[] = []): Diagnostic[] {
  let validate = compiled.get(schema as object);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema as object, validate);
  }
  return validate(value) ? [] : schemaDiagnostics(validate.errors ?? [], yaml, value, prefix);
}
