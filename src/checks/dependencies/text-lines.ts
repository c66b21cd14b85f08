/** Line lookups over a file's text, for parsers whose libraries report no positions. */
export class TextLines {
  private readonly starts: number[] = [0];
  readonly lines: string[];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    this.lines = text.split(/\r?\n/);
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

/** Where JSON.parse failed, from V8's "… at position N" or "(line L column C)" wording. */
export function jsonErrorPosition(error: Error, lines: TextLines): { line: number; column?: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(error.message);
  if (position) {
    const line = lines.lineAt(Number(position[1]));
    return { line, column: Number(position[1]) - lines.text.split('\n').slice(0, line - 1).join('\n').length };
  }
  return { line: 1 };
}
