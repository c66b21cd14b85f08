import { resolve } from 'node:path';
import { buildDashboard, readReports } from '../dashboard/build.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, today, type CliIo } from './shared.ts';

export interface DashboardOptions {
  standards?: string;
  out: string;
  reports?: string;
  date?: string;
}

/** `standards dashboard`: the static exemptions dashboard, from the standards and scan reports. */
export async function dashboard(io: CliIo, options: DashboardOptions): Promise<number> {
  const { config, standards, exemptions } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const reports = options.reports ? await readReports(resolve(io.cwd, options.reports)) : [];
  const { index, data } = await buildDashboard(resolve(io.cwd, options.out), { config, standards, exemptions, reports, today: today(options.date) });
  io.stdout.write(`Wrote ${index} (${data.rows.length} exemptions${reports.length ? `, ${reports.length} reports` : ''}).\n`);
  return EXIT.pass;
}
