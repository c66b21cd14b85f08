import fc from 'fast-check';
import { Marked } from 'marked';
import { describe, expect, test } from 'vitest';
import { authoredInline, markdownCodeBlock, markdownInline, terminalSafe } from './untrusted.ts';

const render = (markdown: string) => new Marked({ gfm: true }).parse(markdown, { async: false });

/** The text a reader sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

describe('terminalSafe', () => {
  test.each([
    ['\u001b[2J', '␛[2J'],
    ['\u001b]0;title\u0007', '␛]0;title␇'],
    ['a\u009bb', 'a<U+009B>b'],
    ['\u202egnp.exe', '<U+202E>gnp.exe'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
    ['\u007f', '␡'],
  ])('%j → %j', (input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });
});

describe('markdownInline', () => {
  test.each([
    ['LICENSE.*, LICENCE', 'LICENSE.\\*, LICENCE'],
    ['- item, # heading, 1. list', '\\- item, # heading, 1. list'],
    ['5 & 6 &amp; &#64;', '5 & 6 \\&amp; `&#64`;'],
    ['ping @acme/security', 'ping `@acme/security`'],
    ['see https://evil.example/x', 'see `https://evil.example/x`'],
    ['![t](https://evil.example/t.png)', '`![t](https://evil.example/t.png)`'],
    ['<img src=x>', '`<img` `src=x>`'],
    ['in services/, as before', 'in `services/`, as before'],
    ['a `tick` and ``two``', 'a `` `tick` `` and ``` ``two`` ```'],
    ['\n   #', ' \\#'],
    ['\tbuild  failed\n', ' build failed '],
  ])('%j → %j', (input, expected) => {
    expect(markdownInline(input)).toBe(expected);
  });

  test('in a table, | is escaped even inside code spans', () => {
    expect(markdownInline('a|b x/y|z', { table: true })).toBe('`a\\|b` `x/y\\|z`');
  });

  test('fast-check: nothing in any text renders as a link, image, mention, emphasis or HTML, and the text reads the same', () => {
    const unit = fc.constantFrom('a', 'B', ' ', '    ', '\t', '*', '_', '~', '`', '[', ']', '(', ')', '!', '@', '#', '<', '>', '&', '\\', '|', ':', '/', '.', '-', '+', '=', '1', 'http://', 'www.', 'x.com', '\n');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        const html = render(markdownInline(text));
        expect(html).not.toMatch(/<(?:a|img|em|strong|del|h\d|blockquote|ul|ol|table|hr|pre|script)\b/);
        const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, '');
        expect(outsideCode).not.toMatch(/@[A-Za-z0-9]/);
        expect(visibleText(html).replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('authoredInline and markdownCodeBlock', () => {
  test('a line with more backtick runs than a call takes arguments is still fenced', () => {
    const hostile = '`a'.repeat(200_000);
    expect(markdownCodeBlock(hostile)).toMatch(/^```\n`a`a/);
    expect(markdownInline(hostile)).toMatch(/^`` `a`a/);
  });

  test('quoted parts become code spans; the rest is inert', () => {
    expect(authoredInline('Add `owner: group:<team>` under *spec*')).toBe('Add `owner: group:<team>` under \\*spec\\*');
  });

  test('a code block fence is longer than any run of backticks inside it', () => {
    expect(markdownCodeBlock('a ``` b', '  ')).toBe('  ````\n  a ``` b\n  ````');
    expect(render(markdownCodeBlock('@acme/x ![i](u)'))).toBe('<pre><code>@acme/x ![i](u)\n</code></pre>\n');
  });
});
