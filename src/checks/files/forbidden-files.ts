import type { FileStatus } from '../../changeset.ts';
import { defineCheck } from '../types.ts';

export interface ForbiddenFilesOptions {
  statuses?: FileStatus[];
}

export const forbiddenFiles = defineCheck<ForbiddenFilesOptions>({
  type: 'forbidden-files',
  summary: 'No file matching the standard\'s `applies_to` globs may be added (or renamed into place).',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      statuses: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        description: 'Which changes count; default added and renamed.',
        items: { enum: ['added', 'modified', 'renamed'] },
      },
    },
  },
  messages: {
    forbidden: '{{file}} must not be committed ({{status}} here)',
  },
  evaluate({ options, files }) {
    const statuses = options.statuses ?? ['added', 'renamed'];
    return files
      .filter((file) => statuses.includes(file.status))
      .map((file) => ({ messageId: 'forbidden', file: file.path, data: { file: file.path, status: file.status } }));
  },
});
