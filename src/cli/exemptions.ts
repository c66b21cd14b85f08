import { exemptionRows, filterRows, renderExemptionsText, type ExemptionFilter } from '../report/exemptions-table.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, terminalWidth, today, type CliIo } from './shared.ts';

export type ExemptionsOptions = ExemptionFilter & { standards?: string; format: 'text' | 'json'; date?: string };

/** `standards exemptions`: every exemption with its status, soonest expiry first. */
export async function exemptions(io: CliIo, options: ExemptionsOptions): Promise<number> {
  const { exemptions, standards, config } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const rows = exemptionRows(exemptions, standards, today(options.date), config.exemptions.warn_days);
  const shown = filterRows(rows, options);
  io.stdout.write(options.format === 'json' ? `${JSON.stringify({ exemptions: shown }, null, 2)}\n` : renderExemptionsText(shown, rows.length, terminalWidth(io)));
  return EXIT.pass;
}
