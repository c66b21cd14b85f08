// The PR comment as a reviewer sees it: the demo's Markdown rendered as GitHub Flavored Markdown
// (marked), styled with GitHub's own Markdown CSS (github-markdown-css), in headless Chromium at
// the 880-pixel width of a comment on a pull request. Nothing may scroll sideways. A screenshot
// is kept in test-output/ for a human look.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Marked } from 'marked';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) console.warn(`comment rendering tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const ROOT = join(import.meta.dirname, '..');
const COLUMN = 880;
const css = readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  if (available) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
afterAll(async () => browser?.close());

function page(markdown: string): string {
  const body = new Marked({ gfm: true }).parse(markdown, { async: false });
  return `<!doctype html><meta charset="utf-8"><style>${css} body{margin:0} .markdown-body{box-sizing:border-box;width:${COLUMN}px;padding:16px}</style><article class="markdown-body">${body}</article>`;
}

describe.skipIf(!available)('the PR comment at GitHub\'s comment width', () => {
  test('the demo comment: every element fits 880 px, no code block scrolls sideways', async () => {
    const tab = await browser.newPage({ viewport: { width: COLUMN, height: 900 } });
    await tab.setContent(page(readFileSync(join(ROOT, 'test/golden/demo.md'), 'utf8')));
    const overflow = await tab.evaluate((column) => {
      const article = document.querySelector('article')!;
      const wide = [...article.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > column + 0.5).map((el) => `${el.tagName}: ${el.textContent?.slice(0, 60)}`);
      const scrolling = [...article.querySelectorAll('pre, table')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent?.slice(0, 60));
      return { articleScroll: article.scrollWidth - article.clientWidth, wide, scrolling, headings: article.querySelectorAll('h3').length };
    }, COLUMN);
    expect(overflow).toEqual({ articleScroll: 0, wide: [], scrolling: [], headings: 17 });
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    await tab.screenshot({ path: join(ROOT, 'test-output/pr-comment-880px.png'), fullPage: true });
    await tab.close();
  });

  test('the check fails when something is too wide, so the one above means something', async () => {
    const tab = await browser.newPage({ viewport: { width: COLUMN, height: 600 } });
    await tab.setContent(page(`| a | b |\n|---|---|\n| ${'x'.repeat(400)} | ${'y '.repeat(10)} |\n`));
    const scrolls = await tab.evaluate(() => [...document.querySelectorAll('table')].some((el) => el.scrollWidth > el.clientWidth + 1));
    expect(scrolls).toBe(true);
    await tab.close();
  });
});
