import { expect, test } from 'vitest';
import { patchesByPath } from './unified-diff.ts';

test('two sections of one path are merged, however many lines the second adds', () => {
  // A file replaced by a symlink: git prints its deletion, then its addition. Spread into push,
  // the second section's 200,000 lines overflowed the stack.
  const added = 200_000;
  const patch = [
    'diff --git a/x b/x',
    'deleted file mode 100644',
    '--- a/x',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-old',
    'diff --git a/x b/x',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/x',
    `@@ -0,0 +1,${added} @@`,
    ...Array.from({ length: added }, (_, i) => `+line ${i}`),
    '',
  ].join('\n');
  const x = patchesByPath(patch).get('x')!;
  expect(x.removed.map((line) => line.text)).toEqual(['old']);
  expect(x.added).toHaveLength(added);
  expect(x.added.at(-1)).toMatchObject({ line: added, text: `line ${added - 1}` });
});
