import { resolve } from 'node:path';
import { readReports, writeDashboard } from '../dashboard/build.ts';
import { readHistory, recordSummary, summarise } from '../dashboard/history.ts';
import { dashboardData } from '../dashboard/data.ts';
import { UsageError } from '../diagnostics.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, today, type CliIo } from './shared.ts';

export interface DashboardOptions {
  standards?: string;
  out: string;
  reports?: string;
  history?: string;
  record?: boolean;
  date?: string;
}

/**
 * `standards dashboard`: the static dashboard, from the standards, scan reports and the history
 * of earlier scans. With --record, today's summary joins the history first (one file per day).
 */
export async function dashboard(io: CliIo, options: DashboardOptions): Promise<number> {
  if (options.record && !options.history) throw new UsageError('--record needs --history DIR: the folder the dated summaries are kept in');
  if (options.record && !options.reports) throw new UsageError('--record needs --reports DIR: a summary is made from the scan reports');
  const { config, standards, exemptions } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const reports = options.reports ? await readReports(resolve(io.cwd, options.reports)) : [];
  const date = today(options.date);
  const historyDir = options.history ? resolve(io.cwd, options.history) : undefined;
  // One computation: today's summary does not depend on the history it joins.
  const data = dashboardData({ config, standards, exemptions, reports, today: date });
  if (historyDir && options.record) io.stdout.write(`Recorded ${await recordSummary(historyDir, summarise(data))}.\n`);
  const history = historyDir ? await readHistory(historyDir) : [];
  data.history = history;
  const index = await writeDashboard(resolve(io.cwd, options.out), data);
  io.stdout.write(`Wrote ${index} (${data.rows.length} exemptions${reports.length ? `, ${reports.length} reports` : ''}${history.length ? `, ${history.length} history points` : ''}).\n`);
  return EXIT.pass;
}
