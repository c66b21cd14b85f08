// A hostile pull request on a real git repository: a title with an image, a link and a team
// mention, file names with Markdown in them, added lines with terminal escape sequences. Every
// output shows that text and obeys none of it. Markdown is rendered with marked (GitHub Flavored
// Markdown) and read back as HTML.
import { Marked } from 'marked';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RepoBuilder } from '../src/demo/repo-builder.ts';
import { runCli } from './helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const repo = new RepoBuilder();
afterAll(() => repo.dispose());

const TITLE = 'Update ![t](https://evil.example/t.png) @acme/security [click](https://evil.example) <img src=x onerror=alert(1)> :tada: #1';
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil';

repo.write({ 'README.md': '# shop\n', '.github/CODEOWNERS': '* @acme/platform-guild\n', LICENSE: 'MIT\n', 'src/a.ts': 'export {};\n' }).commit('chore: base');
repo
  .branch('pr')
  .write({
    'src/a.ts': `export {};\n// TODO ${ESCAPES} ![x](https://evil.example/x.png) @acme/sre *bold* _it_\n`,
    // A secret-looking file name, so a finding names it.
    'keys/[x](https:/evil.example) *y*.pem': 'not a key\n',
  })
  .commit('feat: change');
const event = join(repo.dir, '..', `${repo.dir.split('/').pop()}-event.json`);
writeFileSync(event, JSON.stringify({ pull_request: { number: 7, title: TITLE, body: '## Testing\nran it\n', labels: [], draft: false, base: { sha: repo.git('rev-parse', 'main').trim(), ref: 'main' }, head: { sha: repo.git('rev-parse', 'pr').trim() } } }));

const check = (format: string) => runCli(['check', '--repo', repo.dir, '--pr-event', event, '--format', format, '--date', '2027-02-01', '--repo-name', 'acme/shop'], { env: { STANDARDS_DIR: ROOT } });

/** The HTML GitHub would make of the Markdown, as marked renders GitHub Flavored Markdown. */
function html(markdown: string): string {
  return new Marked({ gfm: true }).parse(markdown, { async: false });
}

describe('text from a pull request renders inert', () => {
  test('Markdown: no image, no foreign link, no mention, no HTML, no emphasis from the PR', async () => {
    const run = await check('markdown');
    expect(run.stdout).toContain('does not follow Conventional Commits');
    const rendered = html(run.stdout);
    expect(rendered).not.toMatch(/<img\b/i);
    // Every link is one of ours: the standards repository.
    const hrefs = [...rendered.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((href) => !href.startsWith('https://github.com/acme/standards/'))).toEqual([]);
    // A mention or a URL from the PR only ever sits inside <code>.
    // (Our exemption links carry the paths they cover, URL-encoded in their href.)
    const outsideCode = rendered.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/ href="[^"]*"/g, '');
    expect(outsideCode).not.toContain('@acme/security');
    expect(outsideCode).not.toContain('@acme/sre');
    expect(outsideCode).not.toContain('evil.example');
    expect(outsideCode).not.toMatch(/<(?:script|img|iframe)/i);
    // Emphasis comes only from the report's own labels.
    const emphasis = [...rendered.matchAll(/<(strong|em|del)>([\s\S]*?)<\/\1>/g)].map((m) => m[2]);
    for (const text of emphasis) expect(text).toMatch(/^(?:How to fix:|\d+ failing.*|STD-\d{4}|…and .*|Note:)$/);
    // The ticket-less TODO and the odd file name are still reported, their text intact.
    expect(rendered).toContain('TODO');
    expect(rendered).toContain('keys/[x](https:/evil.example)');
  });

  test('terminal: escape sequences and bidi overrides are shown, never sent', async () => {
    const run = await check('text');
    expect(run.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(run.stdout).toContain('␛]0;pwned␇␛[2J<U+009B>31m<U+202E>evil');
  });

  test('annotations: the same, and nothing from the PR starts a workflow command', async () => {
    const run = await check('github');
    expect(run.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    for (const line of run.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^::(?:error|warning|notice) /);
  });
});
