// Text from a pull request (file names, added lines, its title) and from rule files reaches every
// output. These make it inert where it lands: a terminal runs no escape sequence from it, and
// GitHub renders no link, image, mention or formatting from it.

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates
// that make text read differently from what it is (CVE-2021-42574).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  // C0 controls have printable stand-ins (␛ for ESC); the rest are written as their code.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Text safe to print to a terminal: every control character and bidi override shown, never obeyed. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, visible);
}

// A token is set in a code span when Markdown or GitHub could make something of it: a mention, a
// URL or domain to autolink, link or image syntax, HTML, an emoji :shortcode:, a path.
const CODE_TOKEN = /[@`<>[\]\\|/]|:\/\/|www\.|\.(?:com|org|net|io|dev|app|example)\b|:[a-z0-9_+-]+:|^#\d|#\d+$/i;
// Outside code spans, only what can format inline text is escaped, so the Markdown source stays
// readable: emphasis and strikethrough, backslashes, and an & that would start an entity.
const ACTIVE = /[\\*_~]|&(?=#?[A-Za-z0-9]+;)/g;
// What would start a block (a heading, a list, a quote, a rule) at the start of a line.
const BLOCK_START = /^(?:[#+=-]|\d+[.)])/;

/**
 * The longest run of backticks in `text`, or `least` when none is longer. Counted in a loop: as
 * Math.max's arguments, the runs of a long hostile line (150,000 or more) overflow the stack.
 */
function longestRun(text: string, least: number): number {
  let longest = least;
  for (const run of text.match(/`+/g) ?? []) if (run.length > longest) longest = run.length;
  return longest;
}

/** A code span that holds `text` exactly: fenced with more backticks than any run inside it. */
export function codeSpan(text: string): string {
  const longest = longestRun(text, 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * One line of untrusted text as inline Markdown: words stay readable, anything GitHub could turn
 * into a link, image, mention, emoji or HTML goes in a code span, and emphasis characters are
 * escaped. `table` also escapes `|` for a table cell (GitHub reads it even inside code spans).
 */
export function markdownInline(text: string, options: { table?: boolean } = {}): string {
  // A run of blanks becomes one space, as it renders anyway: four spaces or a tab at the start of
  // a line would open an indented code block.
  const out = terminalSafe(text)
    .replace(/\s+/g, ' ')
    .split(/(\s+)/)
    .map((token, index, tokens) => {
      if (!token || /^\s+$/.test(token)) return token;
      const escape = (text: string) => text.replace(ACTIVE, (c) => `\\${c}`);
      // Punctuation around a path or a handle stays outside its code span: `services/`, not `services/,`.
      // The curly quotes (“‘ ”’) are escaped, which keeps the bundle ASCII (src/startup/code-cache.ts).
      let [, before = '', core = '', after = ''] = /^([("'\u201c\u2018]*)(.*?)([)"'\u201d\u2019.,;:!?]*)$/s.exec(token) ?? [];
      // A closing parenthesis that closes one inside the token belongs to it.
      while (after.startsWith(')') && (core.match(/\(/g) ?? []).length > (core.match(/\)/g) ?? []).length) {
        core += ')';
        after = after.slice(1);
      }
      if (core && CODE_TOKEN.test(core)) return `${escape(before)}${codeSpan(core)}${escape(after)}`;
      const escaped = escape(token);
      // The first word is where a line of it starts.
      const first = tokens.findIndex((t) => t && !/^\s+$/.test(t)) === index;
      // (A backslash escapes punctuation only: after digits, the list marker's dot is escaped.)
      return first && BLOCK_START.test(escaped) ? escaped.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^[#+=-]/, '\\$&') : escaped;
    })
    .join('');
  return options.table ? out.replace(/\|/g, '\\|') : out;
}

/** Lines of untrusted text as a fenced code block: nothing inside it renders. */
export function markdownCodeBlock(text: string, indent = ''): string {
  const safe = terminalSafe(text);
  const longest = longestRun(safe, 2);
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}`, ...safe.split('\n').map((line) => `${indent}${line}`), `${indent}${fence}`].join('\n');
}

/**
 * Text with `quoted` parts, as rule authors write remediations and messages quote what to add:
 * the quoted parts become code spans, and everything else is made inert as untrusted text is.
 * A code span is inert whatever it holds, so this is safe for text from a pull request too.
 */
export function authoredInline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? codeSpan(terminalSafe(part.slice(1, -1))) : markdownInline(part)))
    .join('');
}
