import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { ChangeSet } from '../changeset.ts';
import { CONFIG_FILE, loadConfig, type OrgConfig } from '../config.ts';
import { ConfigError, UsageError } from '../diagnostics.ts';
import { PACKAGE_ROOT } from '../package.ts';
import { readRepoState } from '../review/repo-state.ts';
import { workTreeTop } from '../sources/git.ts';
import { loadExemptions, type Exemption } from './exemptions.ts';
import { loadStandards, RULES_DIR } from './load-standards.ts';
import type { Standard } from './standard.ts';
import { loadTeams, type TeamRegistry } from './teams.ts';

export { PACKAGE_ROOT };

export interface Trusted {
  root: string;
  config: OrgConfig;
  standards: Standard[];
  teams: TeamRegistry;
  exemptions: Exemption[];
  /** Said on every report: where the standards came from, when that is not the usual place. */
  notices: string[];
}

/** Where the standards folder was named: a flag, an environment variable, or nowhere (the package's own examples). */
export interface StandardsLocation {
  root: string;
  from: 'option' | 'env' | 'package';
}

/**
 * Where the trusted standards live: an explicit folder, else $STANDARDS_DIR, else this package.
 * An empty value is a mistake, never "the current folder": that would be the repository under review.
 */
export function standardsLocation(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string, flag = '--standards'): StandardsLocation {
  if (explicit !== undefined) {
    if (!explicit.trim()) throw new UsageError(`${flag} is empty; name the folder of the trusted standards checkout`);
    return { root: resolve(cwd, explicit), from: 'option' };
  }
  if (env.STANDARDS_DIR !== undefined) {
    if (!env.STANDARDS_DIR.trim()) throw new UsageError('STANDARDS_DIR is set but empty; set it to the folder of the trusted standards checkout, or unset it');
    return { root: resolve(cwd, env.STANDARDS_DIR), from: 'env' };
  }
  return { root: PACKAGE_ROOT, from: 'package' };
}

/** The folder alone, for commands that judge no repository (validate, docs, explain…). */
export function standardsRoot(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return standardsLocation(explicit, env, cwd).root;
}

async function ensureFolder(root: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new UsageError(`the standards folder ${root} does not exist; point --standards or STANDARDS_DIR at a checkout of the standards repository`);
  if (!info.isDirectory()) throw new UsageError(`the standards folder ${root} is not a folder; point --standards or STANDARDS_DIR at a checkout of the standards repository`);
}

/**
 * Everything read from the trusted standards checkout: settings, rules, teams and exemptions.
 * Never the repository under review, so a change cannot loosen the rules it is judged by.
 */
export async function loadTrusted(root: string): Promise<Trusted> {
  await ensureFolder(root);
  const [config, standards, teams] = await Promise.allSettled([loadConfig(root), loadStandards(root), loadTeams(root)]);
  if (config.status === 'fulfilled' && standards.status === 'fulfilled' && teams.status === 'fulfilled') {
    const exemptions = await loadExemptions(root, standards.value, teams.value, config.value);
    return { root, config: config.value, standards: standards.value, teams: teams.value, exemptions, notices: [] };
  }
  // Report every broken file at once, in a stable order, rather than whichever failed first.
  const failures = [config, standards, teams].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const unexpected = failures.find((error) => !(error instanceof ConfigError));
  if (unexpected) throw unexpected;
  throw new ConfigError(failures.flatMap((error) => (error as ConfigError).diagnostics));
}

/** The standards as committed in a tree (a git commit), held to the same validation as a folder. */
async function loadTrustedFromTree(tree: ChangeSet['base'], root: string): Promise<Trusted> {
  const state = await readRepoState(tree);
  if (state.diagnostics.length) throw new ConfigError(state.diagnostics);
  if (!state.config) throw new ConfigError([{ file: CONFIG_FILE, line: 1, column: 1, field: '', message: `not found at ${tree.ref}; the standards repository needs one (see README: "Organisation settings")` }]);
  if (!state.standards?.length) throw new ConfigError([{ file: `${RULES_DIR}/`, line: 1, column: 1, field: '', message: `no rule files at ${tree.ref}; a standards repository is judged by the standards of its base commit` }]);
  return { root, config: state.config, standards: state.standards, teams: state.teams, exemptions: state.exemptions ?? [], notices: [] };
}

/** Folders of the standards repository whose files are the standards and their examples. */
const STANDARDS_DATA = ['rules/', 'test/standards/'];

function isStandardsData(path: string): boolean {
  return STANDARDS_DATA.some((prefix) => path.startsWith(prefix));
}

/** The top of the repository under review: its git work tree, or the folder itself outside git. */
async function reviewedTop(repo: string): Promise<string> {
  const top = (await workTreeTop(repo)) ?? repo;
  return realpath(top).catch(() => resolve(top));
}

function locationNotices(location: StandardsLocation): string[] {
  return location.from === 'package' ? [`no standards folder was given, so these are the example standards shipped with standards-bot, not your organisation's: set STANDARDS_DIR or pass --standards`] : [];
}

/**
 * Where the standards folder lies: outside the repository under review (read already), or inside
 * the repository whose top is `top`, at `inside` ('' for the top itself).
 */
export type Placement = { trusted: Trusted } | { top: string; inside: string };

/**
 * The trusted standards when their folder lies outside the repository under review, the usual
 * case; else where inside it, for `loadTrustedFor` to decide with the change. Standards outside
 * do not depend on the change, so they can be read while git computes it.
 */
export async function loadTrustedOutside(location: StandardsLocation, repo: string): Promise<Placement> {
  await ensureFolder(location.root);
  const [top, root] = await Promise.all([reviewedTop(repo), realpath(location.root)]);
  const inside = relative(top, root);
  if (!inside.startsWith('..') && !isAbsolute(inside)) return { top, inside };
  return { trusted: { ...(await loadTrusted(location.root)), notices: locationNotices(location) } };
}

/**
 * The trusted standards for judging one change. The standards folder must not be part of the
 * repository under review: a pull request could then write the rules it is judged by. Two cases
 * are allowed inside its folder: an untracked, separate checkout (as the Action makes), and the
 * standards repository judging itself, whose standards are then read from the base commit (for
 * a scan, the scanned commit), never from the working tree the pull request wrote. `placed` is
 * what `loadTrustedOutside` found already, if it was asked first.
 */
export async function loadTrustedFor(location: StandardsLocation, subject: { repo: string; changeSet: ChangeSet }, placed?: Placement): Promise<Trusted> {
  const placement = placed ?? (await loadTrustedOutside(location, subject.repo));
  if ('trusted' in placement) return placement.trusted;
  const { top, inside } = placement;
  const where = location.from === 'env' ? `STANDARDS_DIR=${location.root}` : location.from === 'option' ? `--standards ${location.root}` : `the package's own standards (${location.root})`;
  const notices = locationNotices(location);

  const { changeSet } = subject;
  if (inside === '') {
    const judged = changeSet.mode === 'diff' ? changeSet.base : changeSet.head;
    const trusted = await loadTrustedFromTree(judged, location.root);
    // Rule files and their example files hold, on purpose, what the standards forbid (a private
    // key in STD-0004's failing example): they are the standards' test data, not code.
    const examples = changeSet.files.filter((file) => isStandardsData(file.path));
    changeSet.files = changeSet.files.filter((file) => !isStandardsData(file.path));
    return {
      ...trusted,
      notices: [
        ...notices,
        `the standards repository is judged by its own standards as committed at ${judged.ref}, not by the files this change writes`,
        ...(examples.length ? [`${examples.length} rule and example ${examples.length === 1 ? 'file was' : 'files were'} not judged: under ${STANDARDS_DATA.join(' and ')} they hold the standards' own examples (review-proposal and standards test check them)`] : []),
      ],
    };
  }
  const folder = inside.split('\\').join('/');
  const tracked = async (tree: ChangeSet['head']) => {
    const { files, directories } = await tree.list(folder);
    return files.length + directories.length > 0;
  };
  if ((await tracked(changeSet.head)) || (await tracked(changeSet.base))) {
    throw new UsageError(
      `${where} is inside the repository under review (${top}), which tracks files there: a pull request could write the standards it is judged by. Check the standards repository out somewhere the change does not control.`,
    );
  }
  return { ...(await loadTrusted(location.root)), notices };
}
