// Replaced in dist/ by scripts/build-validators.mjs with validators ajv compiled at build time
// (standalone code), keyed by their schema's JSON text. From source, as in the tests, nothing is
// precompiled and validate.ts compiles each schema on first use.
import type { ValidateFunction } from 'ajv';

export const precompiledValidators: Readonly<Record<string, ValidateFunction | undefined>> = {};
