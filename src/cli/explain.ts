import { checksByType } from '../checks/index.ts';
import type { OrgConfig } from '../config.ts';
import { UsageError } from '../diagnostics.ts';
import { proposeLink, standardLink } from '../engine/links.ts';
import type { Standard } from '../standards/standard.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

function explainStandard(standard: Standard, config: OrgConfig): string {
  const check = checksByType.get(standard.check.type)!;
  const { type, ...options } = standard.check;
  const lines = [
    `${standard.id}: ${standard.title}`,
    '',
    `owner:         ${standard.owner}`,
    `status:        ${standard.status}${standard.superseded_by ? ` (superseded by ${standard.superseded_by})` : ''}`,
    `severity:      ${standard.severity}`,
    `enforced from: ${standard.enforce_from ?? 'now'}`,
    `review by:     ${standard.review_by}`,
    `applies to:    ${standard.applies_to.paths.join(', ')}${standard.applies_to.exclude.length ? ` (except ${standard.applies_to.exclude.join(', ')})` : ''}`,
    `check:         ${type}: ${check.summary}`,
    ...(Object.keys(options).length ? [`options:       ${JSON.stringify(options)}`] : []),
    '',
    'Why',
    standard.rationale.trim(),
    '',
    'How to fix',
    standard.remediation.trim(),
    '',
    `standard:          ${standardLink(config, standard)}`,
    `propose a change:  ${proposeLink(config, standard)}`,
    `rule file:         ${standard.file}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `standards explain STD-0003`: one standard, why, how to fix, and its links. */
export async function explain(io: CliIo, id: string, options: { standards?: string }): Promise<number> {
  const { standards, config } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const standard = standards.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!standard) throw new UsageError(`unknown standard ${id}; known: ${standards.map((s) => s.id).join(', ')}`);
  io.stdout.write(explainStandard(standard, config));
  return EXIT.pass;
}
