// Where things are written in a TOML file: table headers, keys, and the strings of arrays, found
// in one pass over the text. smol-toml reads the values but keeps no positions; the one npm
// library with positions (toml-eslint-parser, an ESLint AST) took 2.5 s and 1 GB on a
// 200,000-dependency Cargo.toml, so this small lexer finds the lines instead, in linear time.

const key = (path: readonly string[]) => path.join('\u0000');

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\u001b' };

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;

/** A-Z, a-z, 0-9, _ and -: the characters of a bare key. */
function isBareKeyChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d;
}

export class TomlPositions {
  private readonly headers = new Map<string, number>();
  // Each table's keys, by the table's path as `tableKey` makes it: a key is looked up without
  // joining its name to its table's, which a 200,000-dependency Cargo.toml did 400,000 times.
  private readonly keys = new Map<string, Map<string, number>>();
  private readonly strings = new Map<string, number>();
  private i = 0;
  private line = 1;
  /** Where `nextBackslash` last found one: -1 when there is none after it, -2 before the first search. */
  private backslash = -2;

  constructor(private readonly text: string) {
    this.scan();
  }

  /** The line of a `[table]` or `[[array]]` header. */
  headerLine(path: readonly string[]): number | undefined {
    return this.headers.get(key(path));
  }

  /** A table's path as `keyLine` looks it up: made once for a table whose keys are looked up in turn. */
  tableKey(table: readonly string[]): string {
    // With its separator: the root table ([]) and a table named "" ([""]) stay apart.
    return table.length ? `${key(table)}\u0000` : '';
  }

  /**
   * The line of `name = …` (or `name.x = …`) in a table, or of a `[table.name]` header of its
   * own. The table is its path, or its `tableKey`.
   */
  keyLine(table: readonly string[] | string, name: string): number | undefined {
    const tableKey = typeof table === 'string' ? table : this.tableKey(table);
    return this.keys.get(tableKey)?.get(name) ?? this.headers.get(`${tableKey}${name}`);
  }

  /** The line of a string in the array a key holds, by the string's value. */
  arrayStringLine(table: readonly string[], name: string, value: string): number | undefined {
    return this.strings.get(key([...table, name, value]));
  }

  private get char(): string | undefined {
    return this.text[this.i];
  }

  private skipBlank(newlines: boolean): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === SPACE || c === TAB || c === CR) this.i++;
      else if (c === HASH) this.skipLine();
      else if (c === LF && newlines) {
        this.i++;
        this.line++;
      } else return;
    }
  }

  /** To the end of the line (its newline stays for the caller to count). */
  private skipLine(): void {
    const newline = this.text.indexOf('\n', this.i);
    this.i = newline === -1 ? this.text.length : newline;
  }

  /** A string token at the cursor, unescaped; the cursor moves past it. */
  private string(): string {
    const quote = this.char!;
    const multi = this.tripleQuoted(quote);
    if (!multi) {
      // Most strings hold no escape: one search to the closing quote.
      const end = this.text.indexOf(quote, this.i + 1);
      const newline = this.text.indexOf('\n', this.i + 1);
      if (end !== -1 && (newline === -1 || end < newline)) {
        const body = this.text.slice(this.i + 1, end);
        if (quote === "'" || !body.includes('\\')) {
          this.i = end + 1;
          return body;
        }
      }
    }
    const close = multi ? quote.repeat(3) : quote;
    this.i += close.length;
    let out = '';
    while (this.i < this.text.length && !this.text.startsWith(close, this.i)) {
      const c = this.char!;
      if (c === '\n') {
        if (!multi) break;
        this.line++;
      }
      if (c === '\\' && quote === '"') {
        const next = this.text[this.i + 1]!;
        if (next === 'u' || next === 'U') {
          const length = next === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.text.slice(this.i + 2, this.i + 2 + length), 16) || 0xfffd);
          this.i += 2 + length;
          continue;
        }
        if (multi && (next === '\n' || next === ' ' || next === '\t' || next === '\r')) {
          // A line-ending backslash trims the whitespace that follows.
          this.i++;
          while (/\s/.test(this.char ?? '')) {
            if (this.char === '\n') this.line++;
            this.i++;
          }
          continue;
        }
        out += ESCAPES[next] ?? next;
        this.i += 2;
        continue;
      }
      out += c;
      this.i++;
    }
    this.i += close.length;
    return out;
  }

  /** Whether the string at the cursor opens with three quotes, asked without making a string of them. */
  private tripleQuoted(quote: string): boolean {
    return this.text[this.i + 1] === quote && this.text[this.i + 2] === quote;
  }

  /**
   * Moves past a string token that nothing records. Most are one line with no escape: one search
   * each for the closing quote, a backslash and the line's end, and no string made. The rest are
   * read as `string` reads them, which counts their lines.
   */
  private skipString(): void {
    const quote = this.text[this.i]!;
    if (!this.tripleQuoted(quote)) {
      const end = this.text.indexOf(quote, this.i + 1);
      if (end !== -1) {
        const newline = this.text.indexOf('\n', this.i + 1);
        const backslash = quote === "'" ? -1 : this.nextBackslash(this.i + 1);
        if ((newline === -1 || end < newline) && (backslash === -1 || backslash > end)) {
          this.i = end + 1;
          return;
        }
      }
    }
    this.string();
  }

  /**
   * The first backslash at or after `from`, or -1. The cursor only moves forward, so the answer is
   * kept until the cursor passes it: searching afresh for each string would read a file with no
   * backslash to its end once per string.
   */
  private nextBackslash(from: number): number {
    if (this.backslash !== -1 && this.backslash < from) this.backslash = this.text.indexOf('\\', from);
    return this.backslash;
  }

  /** Moves past a dotted key that nothing records, as `dottedKey` reads it, making no parts. */
  private skipKey(): void {
    for (;;) {
      this.skipBlank(false);
      const c = this.char;
      if (c === '"' || c === "'") this.skipString();
      else {
        const start = this.i;
        while (isBareKeyChar(this.text.charCodeAt(this.i))) this.i++;
        if (this.i === start) return;
      }
      this.skipBlank(false);
      if (this.char !== '.') return;
      this.i++;
    }
  }

  /** A dotted key (bare or quoted parts) at the cursor, up to `=` or `]`. */
  private dottedKey(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.char;
      if (c === '"' || c === "'") parts.push(this.string());
      else {
        const start = this.i;
        while (isBareKeyChar(this.text.charCodeAt(this.i))) this.i++;
        if (this.i === start) return parts;
        parts.push(this.text.slice(start, this.i));
      }
      this.skipBlank(false);
      if (this.char !== '.') return parts;
      this.i++;
    }
  }

  /** The keys of a table, by its `tableKey`, made on first use. */
  private keysOf(tableKey: string): Map<string, number> {
    let found = this.keys.get(tableKey);
    if (!found) this.keys.set(tableKey, (found = new Map()));
    return found;
  }

  /**
   * Skips a value; in an array assigned to a key (`name`, a joined key path, in the table
   * `tableKey`), records each string's line. The two are joined only for an array of strings.
   */
  private value(tableKey?: string, name?: string): void {
    this.skipBlank(false);
    const c = this.char;
    if (c === '"' || c === "'") {
      this.skipString();
    } else if (c === '[') {
      this.i++;
      for (;;) {
        this.skipBlank(true);
        if (this.char === undefined) return;
        if (this.char === ']') {
          this.i++;
          return;
        }
        if (this.char === ',') {
          this.i++;
          continue;
        }
        const at = this.line;
        if (name !== undefined && (this.char === '"' || this.char === "'")) {
          const id = `${tableKey}${name}\u0000${this.string()}`;
          if (!this.strings.has(id)) this.strings.set(id, at);
        } else this.value();
      }
    } else if (c === '{') {
      this.i++;
      for (;;) {
        this.skipBlank(false);
        if (this.char === undefined || this.char === '\n') return;
        if (this.char === '}') {
          this.i++;
          return;
        }
        if (this.char === ',') {
          this.i++;
          continue;
        }
        // An inline table's own keys are not looked up: its key's line is the table's.
        this.skipKey();
        this.skipBlank(false);
        if (this.char !== '=') return;
        this.i++;
        this.value();
      }
    } else {
      // Numbers, booleans, dates: up to a separator.
      while (this.char !== undefined && !',]}\n#'.includes(this.char)) this.i++;
    }
  }

  private scan(): void {
    // The current table's path, joined as the maps' keys are, with a separator after it.
    let table = '';
    let keysHere = this.keysOf(table);
    while (this.i < this.text.length) {
      this.skipBlank(true);
      if (this.char === undefined) return;
      if (this.char === '[') {
        const array = this.text[this.i + 1] === '[';
        this.i += array ? 2 : 1;
        const header = key(this.dottedKey());
        if (!this.headers.has(header)) this.headers.set(header, this.line);
        table = `${header}\u0000`;
        keysHere = this.keysOf(table);
        this.skipLine();
        continue;
      }
      const line = this.line;
      const path = this.dottedKey();
      this.skipBlank(false);
      if (!path.length || this.char !== '=') {
        this.skipLine();
        continue;
      }
      this.i++;
      if (!keysHere.has(path[0]!)) keysHere.set(path[0]!, line);
      this.value(table, path.length === 1 ? path[0]! : key(path));
      this.skipLine();
    }
  }
}
