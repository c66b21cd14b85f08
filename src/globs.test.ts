import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { expect, test } from 'vitest';
import { matchesGlob } from './globs.ts';

// The shapes matched without minimatch must mean exactly what minimatch means by them.
test('simple glob shapes agree with minimatch on every path (fast-check)', () => {
  const segment = fc.constantFrom('a', 'b.md', '.env', 'README.md', 'x.ts', '.github', 'dir', 'A.MD', '.md', 'b');
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
  const pattern = fc.oneof(
    fc.constant('**'),
    path,
    segment.map((name) => `**/${name}`),
    fc.constantFrom('.md', '.ts', '.env', 'md', '').map((ext) => `**/*${ext}`),
    path.map((dir) => `${dir}/**`),
  );
  fc.assert(
    fc.property(pattern, path, fc.boolean(), (glob, candidate, nocase) => {
      expect(matchesGlob(candidate, glob, { nocase }), `${glob} ~ ${candidate}`).toBe(minimatch(candidate, glob, { dot: true, nocase }));
    }),
    { numRuns: 3000 },
  );
});
