/** One mistake in a configuration file, located precisely enough to jump to it. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, for example `check.pattern`; empty for the whole document. */
  field: string;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  return d.field ? `${where}: ${d.field}: ${d.message}` : `${where}: ${d.message}`;
}

/**
 * Configuration the tool cannot trust (rule files, exemptions, config). The CLI prints
 * each diagnostic on its own line and exits 2 without a stack trace.
 */
export class ConfigError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  /** What the problems are in, and what was therefore not done, for the closing line. */
  readonly subject: string;
  readonly outcome: string;

  constructor(diagnostics: readonly Diagnostic[], about: { subject: string; outcome: string } = { subject: 'the standards configuration', outcome: 'nothing was evaluated' }) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ConfigError';
    this.diagnostics = diagnostics;
    this.subject = about.subject;
    this.outcome = about.outcome;
  }
}

/** A command-line mistake (bad flag value, unknown ref): exit 2 with this message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
