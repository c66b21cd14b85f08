import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type OrgConfig } from '../config.ts';
import { ConfigError } from '../diagnostics.ts';
import { loadExemptions, type Exemption } from './exemptions.ts';
import { loadStandards } from './load-standards.ts';
import type { Standard } from './standard.ts';
import { loadTeams, type TeamRegistry } from './teams.ts';

/** This package's root, which ships the example organisation's standards. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Trusted {
  root: string;
  config: OrgConfig;
  standards: Standard[];
  teams: TeamRegistry;
  exemptions: Exemption[];
}

/** Where the trusted standards live: an explicit folder, else $STANDARDS_DIR, else this package. */
export function standardsRoot(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, explicit ?? env.STANDARDS_DIR ?? PACKAGE_ROOT);
}

/**
 * Everything read from the trusted standards checkout: settings, rules, teams and exemptions.
 * Never the repository under review, so a change cannot loosen the rules it is judged by.
 */
export async function loadTrusted(root: string): Promise<Trusted> {
  const [config, standards, teams] = await Promise.allSettled([loadConfig(root), loadStandards(root), loadTeams(root)]);
  if (config.status === 'fulfilled' && standards.status === 'fulfilled' && teams.status === 'fulfilled') {
    const exemptions = await loadExemptions(root, standards.value, teams.value, config.value);
    return { root, config: config.value, standards: standards.value, teams: teams.value, exemptions };
  }
  // Report every broken file at once, in a stable order, rather than whichever failed first.
  const failures = [config, standards, teams].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const unexpected = failures.find((error) => !(error instanceof ConfigError));
  if (unexpected) throw unexpected;
  throw new ConfigError(failures.flatMap((error) => (error as ConfigError).diagnostics));
}
