import type { AnySchema } from 'ajv';
import { checksByType, checkTypes } from '../checks/index.ts';
import { configSchema } from '../config.ts';
import { pullRequestEventSchema } from '../sources/pr-event.ts';
import { exemptionSchema } from './exemptions.ts';
import { envelopeSchema } from './standard.ts';
import { teamsValidationSchema } from './teams.ts';

/**
 * Every schema the tool validates with, for scripts/build-validators.mjs to compile ahead of
 * time. A schema missing here still works, compiled on first use, only slower to start.
 */
export function validatedSchemas(): AnySchema[] {
  return [envelopeSchema(checkTypes()), configSchema, teamsValidationSchema, exemptionSchema, pullRequestEventSchema, ...[...checksByType.values()].map((check) => check.options)];
}
