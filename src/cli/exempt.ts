import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ConfigError, formatDiagnostic, UsageError } from '../diagnostics.ts';
import { exemptionDraft, exemptionLink } from '../engine/links.ts';
import { checkedRepositoryName, repositoryName } from '../sources/repository-name.ts';
import { addDays, EXEMPTIONS_DIR, exemptionsFromTexts, nextExemptionId } from '../standards/exemptions.ts';
import { loadTrusted, standardsLocation } from '../standards/trusted.ts';
import { EXIT, today, type CliIo } from './shared.ts';

export interface ExemptOptions {
  path?: string[];
  repoName?: string;
  reason?: string;
  approvedBy?: string;
  expires?: string;
  days?: string;
  requestedBy?: string;
  ticket?: string;
  standards?: string;
  print?: boolean;
  date?: string;
}

/** Replaces an empty `field: ""` of the draft with a value, quoted as YAML would. */
function fill(draft: string, field: string, value: string | undefined): string {
  if (value === undefined) return draft;
  return draft.replace(new RegExp(`^${field}: ""$`, 'm'), `${field}: ${JSON.stringify(value)}`);
}

/**
 * `standards exempt STD-0003 --path .env`: writes the prefilled exemption file into the trusted
 * standards checkout (or prints it), for the person who will open the pull request there. What
 * it cannot know (the reason, the approver, the expiry) it leaves for them, unless given.
 */
export async function exempt(io: CliIo, id: string, options: ExemptOptions): Promise<number> {
  const date = today(options.date);
  const location = standardsLocation(options.standards, io.env, io.cwd);
  const trusted = await loadTrusted(location.root);
  const standard = trusted.standards.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!standard) throw new UsageError(`${id} is not a standard; known: ${trusted.standards.map((s) => s.id).join(', ')}`);
  if (standard.status === 'superseded') throw new UsageError(`${standard.id} is superseded${standard.superseded_by ? ` by ${standard.superseded_by}: exempt from that instead` : ''}`);

  const maxDays = trusted.config.exemptions.max_days;
  if (options.expires !== undefined && options.days !== undefined) throw new UsageError('give --expires or --days, not both');
  let expires = options.expires;
  if (options.days !== undefined) {
    const days = Number(options.days);
    if (!Number.isInteger(days) || days < 1 || days > maxDays) throw new UsageError(`--days ${options.days}: give a whole number of days from 1 to ${maxDays} (exemptions.max_days)`);
    expires = addDays(date, days);
  }
  if (expires !== undefined) today(expires);

  const repository = await repositoryName({ explicit: checkedRepositoryName(options.repoName), env: io.env, repo: io.cwd }).catch(() => undefined);
  const exemptionId = nextExemptionId(trusted.exemptions);
  const paths = [...new Set(options.path ?? [])];
  let draft = exemptionDraft(standard, { repository, paths, today: date, exemptionId });
  draft = fill(draft, 'reason', options.reason);
  draft = fill(draft, 'approved_by', options.approvedBy?.replace(/^@/, ''));
  draft = fill(draft, 'expires', expires);
  if (options.requestedBy) draft = draft.replace(/^reason:/m, `requested_by: ${JSON.stringify(options.requestedBy)}\nreason:`);
  if (options.ticket) draft = `${draft}ticket: ${JSON.stringify(options.ticket)}\n`;

  const maintainers = trusted.teams.get(standard.owner)?.maintainers ?? [];
  const missing = [!options.reason && 'reason (why, and the plan to comply)', !options.approvedBy && `approved_by (a maintainer of ${standard.owner}${maintainers.length ? `: ${maintainers.join(', ')}` : ''})`, !expires && `expires (at most ${maxDays} days from ${date})`].filter(Boolean);
  const file = join(EXEMPTIONS_DIR, `${exemptionId}.yaml`);

  // A complete file is checked as the loader will check it, so a mistake shows now, not in review.
  if (!missing.length) {
    try {
      exemptionsFromTexts([{ file, text: draft }], trusted.standards, trusted.teams, trusted.config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new UsageError(`the exemption would not be valid; nothing was written:\n${error.diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
    }
  }

  // The example standards inside this package are not a checkout anyone opens a pull request on.
  if (options.print || location.from === 'package') {
    io.stdout.write(draft);
    if (!options.print) io.stderr.write(`standards: printed, not written: no standards checkout was named (--standards or STANDARDS_DIR). Save it as ${file} in the standards repository, or open ${exemptionLink(trusted.config, standard, { repository, paths, today: date, exemptionId })}\n`);
    return EXIT.pass;
  }
  const target = join(location.root, file);
  if (existsSync(target)) throw new UsageError(`${target} already exists; the next free id was taken while this ran, run it again`);
  await mkdir(join(location.root, EXEMPTIONS_DIR), { recursive: true });
  await writeFile(target, draft);
  const shown = relative(io.cwd, target) || target;
  io.stdout.write(`Wrote ${shown}: an exemption from ${standard.id} (${standard.title}) for ${repository ?? 'OWNER/REPO'}${paths.length ? `, ${paths.join(', ')}` : ''}.\n`);
  if (!repository) io.stdout.write('  The repository could not be named: replace OWNER/REPO, or pass --repo-name.\n');
  if (missing.length) io.stdout.write(`  Fill in ${missing.join('; ')}.\n`);
  io.stdout.write('  Then run `standards validate` there and open a pull request to the standards repository.\n');
  return EXIT.pass;
}
