import { _, Ajv, type AnySchema, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Diagnostic } from '../diagnostics.ts';
import { uri } from './formats.ts';
import { schemaDiagnostics } from './schema-errors.ts';
import { precompiledValidators } from './validators.generated.ts';
import type { PathSegment, YamlFile } from './yaml-file.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** The validator every schema here uses: draft-07 with formats such as date and uri. */
export function createAjv(options: { verbose?: boolean } = {}): Ajv {
  return ajvWithFormats({ allErrors: true, verbose: options.verbose ?? false, strict: false });
}

/**
 * An Ajv with ajv-formats' formats and this tool's `uri` (formats.ts). Code it generates for a
 * precompiled validator finds the formats in formats.ts, which lives beside it in dist/.
 */
export function ajvWithFormats(options: Options): Ajv {
  const ajv = addFormats(new Ajv({ ...options, code: { ...options.code, formats: _`require("./formats").formats` } }));
  ajv.addFormat('uri', uri);
  return ajv;
}

/** The options every validator is compiled with, at build time or at run time. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;

/**
 * The key a precompiled validator is found by: its schema's JSON text, so a changed schema never
 * meets a stale validator. The text itself, not a hash of it: a lookup compares it whole, and a
 * run need not load node:crypto (4-8 ms) to find a validator.
 */
export function schemaKey(schema: AnySchema): string {
  return JSON.stringify(schema);
}

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
/** How many validators were found precompiled, and how many had to be compiled here. */
export const validatorCounts = { precompiled: 0, compiled: 0 };

/** The validator for a schema: precompiled at build time when there is one, else compiled once here. */
export function validatorFor(schema: AnySchema): ValidateFunction {
  let validate = compiled.get(schema as object);
  if (!validate) {
    validate = precompiledValidators[schemaKey(schema)];
    if (validate) validatorCounts.precompiled++;
    else {
      validate = (ajv ??= ajvWithFormats(AJV_OPTIONS)).compile(schema);
      validatorCounts.compiled++;
    }
    compiled.set(schema as object, validate);
  }
  return validate;
}

/** Validates `value` (found at `prefix` inside `yaml`) against `schema`, returning located one-line diagnostics. */
export function validateAgainst(schema: AnySchema, value: unknown, yaml: YamlFile, prefix: readonly PathSegment[] = []): Diagnostic[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : schemaDiagnostics(validate.errors ?? [], yaml, value, prefix);
}
