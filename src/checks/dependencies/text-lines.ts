/** Line lookups over a file's text, for parsers whose libraries report no positions. */
export class TextLines {
  private readonly starts: number[] = [0];
  readonly lines: string[];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    this.lines = text.split(/\r?\n/);
  }

  /** Offset where 1-based `line` starts. */
  startOf(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** 1-based line of the first occurrence of `needle` at or after line `from`, or undefined. */
  find(needle: string, from = 1): number | undefined {
    const offset = this.text.indexOf(needle, this.starts[Math.max(0, from - 1)] ?? this.text.length);
    return offset < 0 ? undefined : this.lineAt(offset);
  }

  /** 1-based line of the first line at or after `from` (and before `to`) that `test` accepts. */
  findLine(test: (line: string) => boolean, from = 1, to = this.lines.length + 1): number | undefined {
    for (let i = from - 1; i < Math.min(to - 1, this.lines.length); i++) if (test(this.lines[i]!)) return i + 1;
    return undefined;
  }
}
