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

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'ConfigError';
    this.diagnostics = diagnostics;
  }
}

/** A command-line mistake (bad flag value, unknown ref): exit 2 with this message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
