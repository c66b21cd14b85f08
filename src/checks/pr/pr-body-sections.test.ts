import { describe, expect, test } from 'vitest';
import { changeSet, memoryTree, pullRequest, noTeams } from '../../../test/helpers/changes.ts';
import { markdownSections, prBodySections } from './pr-body-sections.ts';

describe('markdownSections', () => {
  test('ignores headings inside fenced code and HTML comments', () => {
    const body = ['## Summary', 'x', '```', '## Testing', '```', '<!--', '## Testing', '-->'].join('\n');
    expect(markdownSections(body).map((s) => s.heading)).toEqual(['Summary']);
  });

  test('a section runs on through deeper subsections', () => {
    const [testing] = markdownSections('## Testing\n### Unit\nran vitest\n## Notes\nnone');
    expect(testing!.content).toContain('ran vitest');
  });
});

describe('pr-body-sections check', () => {
  test.each([
    { name: 'section with content', body: '## Summary\nx\n\n## Testing\nRan `npm test`.', expected: [] },
    { name: 'heading level and case do not matter', body: '### testing:\nmanual check in staging', expected: [] },
    { name: 'closing hashes are allowed', body: '# Testing #\nyes', expected: [] },
    { name: 'no such section', body: '## Summary\nAdds refunds.', expected: [{ messageId: 'missing', data: { section: 'Testing' } }] },
    { name: 'section left as the template comment', body: '## Testing\n<!-- What did you run? -->\n\n## Notes\nx', expected: [{ messageId: 'empty', data: { section: 'Testing' } }] },
    { name: 'empty body', body: '', expected: [{ messageId: 'missing', data: { section: 'Testing' } }] },
    { name: 'bold text is not a heading', body: '**Testing**\nran it', expected: [{ messageId: 'missing', data: { section: 'Testing' } }] },
  ])('$name', async ({ body, expected }) => {
    const pr = pullRequest({ body });
    const results = await prBodySections.evaluate({ options: { sections: ['Testing'] }, files: [], tree: memoryTree({}), changeSet: changeSet({ pr }), pr, today: '2026-11-26', teams: noTeams });
    expect(results).toEqual(expected);
  });

  test('min_characters asks for more than a word', async () => {
    const pr = pullRequest({ body: '## Testing\nyes' });
    const results = await prBodySections.evaluate({ options: { sections: ['Testing'], min_characters: 10 }, files: [], tree: memoryTree({}), changeSet: changeSet({ pr }), pr, today: '2026-11-26', teams: noTeams });
    expect(results).toEqual([{ messageId: 'empty', data: { section: 'Testing' } }]);
  });
});
