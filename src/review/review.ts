import type { OrgConfig } from '../config.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { generatedFiles } from '../docs/standards-md.ts';
import { cell } from '../report/markdown.ts';
import { addDays, type Exemption } from '../standards/exemptions.ts';
import type { Standard } from '../standards/standard.ts';
import type { TeamRegistry } from '../standards/teams.ts';
import { runExamples } from './examples.ts';
import { corpusFolders, previewImpact, type ImpactRow } from './impact.ts';
import type { RepoState } from './repo-state.ts';
import { compareStrictness } from './strictness.ts';

export type Level = 'minor' | 'moderate' | 'major';
const LEVELS: Level[] = ['minor', 'moderate', 'major'];
const STATUS_ORDER = ['proposed', 'active', 'deprecated', 'superseded'];
const SEVERITY_ORDER = ['info', 'warn', 'fail'];

export interface ProposedChange {
  subject: string;
  summary: string;
  level: Level;
  owner?: string;
}

export interface Review {
  touched: boolean;
  refused: boolean;
  level?: Level;
  changes: ProposedChange[];
  problems: { section: string; message: string }[];
  advice: string[];
  impact: ImpactRow[];
  markdown: string;
}

const WORDING: (keyof Standard)[] = ['title', 'rationale', 'remediation', 'tags', 'review_by', 'owner', 'examples'];

/** How big a change to one standard is, and why: the rigour table of CONTRIBUTING.md. */
export function classifyStandard(base: Standard | undefined, head: Standard | undefined): ProposedChange | undefined {
  if (!head) return base ? { subject: base.id, summary: 'deleted', level: 'major', owner: base.owner } : undefined;
  if (!base) {
    const level: Level = head.severity === 'fail' ? 'major' : 'moderate';
    return { subject: head.id, summary: `new ${head.severity} standard (${head.status})`, level, owner: head.owner };
  }
  const reasons: [Level, string][] = [];
  const severity = SEVERITY_ORDER.indexOf(head.severity) - SEVERITY_ORDER.indexOf(base.severity);
  if (severity > 0) reasons.push(['major', `severity raised from ${base.severity} to ${head.severity}`]);
  if (severity < 0) reasons.push(['moderate', `severity lowered from ${base.severity} to ${head.severity}`]);
  if ((head.enforce_from ?? '') !== (base.enforce_from ?? '')) {
    const earlier = !head.enforce_from || (base.enforce_from !== undefined && head.enforce_from < base.enforce_from);
    reasons.push(earlier ? ['major', `enforce_from brought forward to ${head.enforce_from ?? 'now'}`] : ['moderate', `enforce_from moved to ${head.enforce_from}`]);
  }
  if (head.status !== base.status) {
    reasons.push([base.status === 'proposed' && head.status === 'active' ? 'major' : 'moderate', `status ${base.status} → ${head.status}`]);
  }
  const strictness = compareStrictness(base, head);
  if (strictness === 'stricter') reasons.push(['major', 'stricter check or wider scope']);
  if (strictness === 'looser') reasons.push(['moderate', 'looser check or narrower scope']);
  if (strictness === 'changed') reasons.push(['major', 'check changed in a way that may be stricter']);
  const wording = WORDING.filter((field) => JSON.stringify(base[field]) !== JSON.stringify(head[field]));
  if (wording.length) reasons.push(['minor', `${wording.join(', ')} edited`]);
  if (!reasons.length) return undefined;
  const level = reasons.reduce<Level>((max, [l]) => (LEVELS.indexOf(l) > LEVELS.indexOf(max) ? l : max), 'minor');
  return { subject: head.id, summary: reasons.map(([, text]) => text).join('; '), level, owner: head.owner };
}

function classifyExemption(base: Exemption | undefined, head: Exemption | undefined): ProposedChange | undefined {
  if (JSON.stringify(base) === JSON.stringify(head)) return undefined;
  if (!head) return { subject: base!.id, summary: 'exemption removed', level: 'minor' };
  return { subject: head.id, summary: base ? `exemption changed (expires ${head.expires})` : `new exemption from ${head.standard} for ${head.repos.join(', ')}, until ${head.expires}`, level: 'moderate' };
}

export function approvers(change: ProposedChange, teams: TeamRegistry, config: OrgConfig): string {
  const owner = change.owner ?? config.governance.platform_team ?? 'the platform team (set governance.platform_team in standards.config.yaml)';
  if (change.level === 'minor') return `${owner}`;
  const maintainers = teams.get(owner)?.maintainers ?? [];
  if (change.level === 'moderate') return `maintainers of ${owner}${maintainers.length ? ` (${maintainers.join(', ')})` : ''}`;
  return `${owner} and ${config.governance.group ?? 'the governance group (set governance.group in standards.config.yaml)'}`;
}

function lifecycleProblems(base: Standard | undefined, head: Standard | undefined): string[] {
  if (base && !head) return [`${base.id} (${base.file}) was deleted; standards are never deleted: set status: deprecated, or superseded with superseded_by`];
  if (!base || !head) return [];
  const problems: string[] = [];
  if (base.check.type !== head.check.type && base.title !== head.title) problems.push(`${head.id} now names a different standard ("${base.title}" → "${head.title}"); ids are never reused, give the new standard the next free id`);
  if (STATUS_ORDER.indexOf(head.status) < STATUS_ORDER.indexOf(base.status)) problems.push(`${head.id} moves back from ${base.status} to ${head.status}; status only moves forward (proposed → active → deprecated → superseded)`);
  return problems;
}

/**
 * Reviews a change to the standards repository with rigour proportional to its size:
 * validation, the changed standards' examples, docs, lifecycle, rigour level and approvers,
 * and the impact on a corpus of repositories.
 */
export async function reviewProposal(base: RepoState, head: RepoState, options: { root: string; today: string; corpus?: string[] }): Promise<Review> {
  const touched = [...new Set([...base.texts.keys(), ...head.texts.keys()])].filter((p) => p !== 'STANDARDS.md' && base.texts.get(p) !== head.texts.get(p));
  const problems: Review['problems'] = [];
  const advice: string[] = [];
  const changes: ProposedChange[] = [];
  const config = head.config ?? base.config;
  if (!touched.length || !config) {
    return { touched: false, refused: false, changes, problems, advice, impact: [], markdown: '## Standards proposal review\n\nThis change touches no standard, exemption, team or setting: nothing to review.\n' };
  }

  for (const d of head.diagnostics) problems.push({ section: 'Validation', message: formatDiagnostic(d) });
  if (head.diagnostics.length) {
    // A file that does not parse leaves the head's standards, exemptions or teams unknown: any
    // comparison with the base would report them deleted. The validation errors are the review.
    const markdown = [
      '## ❌ Standards proposal review: changes needed',
      '',
      ...section('Validation', problems, ''),
      'Nothing else was reviewed: a file that does not parse leaves the proposal unknown. Fix these (`standards validate` lists them) and the review runs in full.',
      '',
    ].join('\n');
    return { touched: true, refused: true, changes, problems, advice, impact: [], markdown };
  }

  const baseById = new Map((base.standards ?? []).map((s) => [s.id, s]));
  const headById = new Map((head.standards ?? []).map((s) => [s.id, s]));
  const changedStandards: { base?: Standard; head?: Standard }[] = [];
  for (const id of [...new Set([...baseById.keys(), ...headById.keys()])].sort()) {
    const before = baseById.get(id);
    const after = headById.get(id);
    const change = classifyStandard(before, after);
    if (!change) continue;
    changes.push(change);
    changedStandards.push({ base: before, head: after });
    for (const message of lifecycleProblems(before, after)) problems.push({ section: 'Lifecycle', message });
    if (before && after && before.status === 'active' && compareStrictness(before, after) === 'stricter') {
      advice.push(`${id} is active and its check gets stricter in place. Don't change a decision, supersede it: add a new standard with the stricter check, and set ${id} to status: superseded with superseded_by.`);
    }
    if (after && change.level === 'major' && after.status !== 'superseded') {
      const earliest = addDays(options.today, config.governance.notice_days);
      if (!after.enforce_from || after.enforce_from < earliest) {
        problems.push({ section: 'Lifecycle', message: `${id} is a major change; give teams ${config.governance.notice_days} days' notice with enforce_from: ${earliest} or later` });
      }
    }
  }
  const baseExemptions = new Map((base.exemptions ?? []).map((e) => [e.id, e]));
  const headExemptions = new Map((head.exemptions ?? []).map((e) => [e.id, e]));
  for (const id of [...new Set([...baseExemptions.keys(), ...headExemptions.keys()])].sort()) {
    const change = classifyExemption(baseExemptions.get(id), headExemptions.get(id));
    if (change) changes.push({ ...change, owner: headById.get((headExemptions.get(id) ?? baseExemptions.get(id))!.standard)?.owner });
  }
  if (base.texts.get('teams.yaml') !== head.texts.get('teams.yaml')) changes.push({ subject: 'teams.yaml', summary: 'teams registry edited', level: 'moderate', owner: config.governance.platform_team });

  // Rule tests: every new or changed standard brings passing and failing examples that behave.
  for (const { head: standard } of changedStandards) {
    if (!standard || standard.status === 'superseded') continue;
    if (!head.teams.get(standard.owner)) {
      problems.push({ section: 'Validation', message: `${standard.id} is owned by ${standard.owner}, which is not a team in teams.yaml; add the team there, or choose one of ${head.teams.handles().slice(0, 5).join(', ')}` });
    }
    // File-based examples (test/standards/STD-xxxx/) count, as they do for `standards test`.
    const results = await runExamples(standard, { config, teams: head.teams, today: options.today, root: options.root });
    if (!results.some((r) => r.kind === 'pass') || !results.some((r) => r.kind === 'fail')) {
      problems.push({ section: 'Rule tests', message: `${standard.id} has no ${results.some((r) => r.kind === 'pass') ? 'failing' : 'passing'} example; add examples: { pass: […], fail: […] } to ${standard.file}` });
    }
    for (const result of results.filter((r) => !r.ok)) problems.push({ section: 'Rule tests', message: `${standard.id} ${result.kind} example "${result.name}": ${result.problem}` });
  }

  if (head.standards && head.config) {
    const expected = generatedFiles(head.standards, head.config, head.exemptions ?? []).find((f) => f.path === head.config!.docs)!;
    if (head.texts.get(expected.path) !== expected.content) problems.push({ section: 'Docs', message: `${expected.path} was not regenerated; run \`npx standards docs\` and commit it` });
  }

  const corpus = await corpusFolders(options.root, options.corpus ?? config.impact.corpus);
  const impact = changedStandards.length && corpus.length ? await previewImpact(changedStandards, corpus, { config, teams: head.teams, today: options.today }) : [];

  const level = changes.reduce<Level | undefined>((max, c) => (!max || LEVELS.indexOf(c.level) > LEVELS.indexOf(max) ? c.level : max), undefined);
  const refused = problems.length > 0;
  const review: Review = { touched: true, refused, level, changes, problems, advice, impact, markdown: '' };
  review.markdown = renderReview(review, { config, teams: head.teams, corpus: corpus.length });
  return review;
}

function section(title: string, problems: Review['problems'], ok: string): string[] {
  const mine = problems.filter((p) => p.section === title);
  return [`### ${mine.length ? '❌' : '✅'} ${title}`, '', ...(mine.length ? mine.map((p) => `- ${cell(p.message)}`) : [ok]), ''];
}

export function renderReview(review: Review, context: { config: OrgConfig; teams: TeamRegistry; corpus: number }): string {
  const out = [
    `## ${review.refused ? '❌' : '✅'} Standards proposal review: ${review.level ?? 'no'} change${review.refused ? ', changes needed' : ''}`,
    '',
    '| Subject | Change | Level | Approvers |',
    '|---|---|---|---|',
    ...review.changes.map((c) => `| ${c.subject} | ${cell(c.summary)} | ${c.level} | ${cell(approvers(c, context.teams, context.config))} |`),
    '',
    ...section('Validation', review.problems, 'All rule files, exemptions, teams and settings are valid.'),
    ...section('Rule tests', review.problems, 'Every new or changed standard has passing and failing examples, and they behave.'),
    ...section('Docs', review.problems, 'STANDARDS.md matches the rules.'),
    ...section('Lifecycle', review.problems, 'No standard is deleted or reused; statuses only move forward; major changes give notice.'),
  ];
  if (review.advice.length) out.push('### 💡 Advice', '', ...review.advice.map((a) => `- ${cell(a)}`), '');
  out.push('### Impact preview', '');
  if (!context.corpus) out.push('No corpus configured (impact.corpus in standards.config.yaml, or --corpus).', '');
  else if (!review.impact.length) out.push(`No change on the ${context.corpus} corpus repositories.`, '');
  else {
    out.push('| Standard | Repository | Newly failing | Newly passing | First files |', '|---|---|---|---|---|');
    for (const row of review.impact) out.push(`| ${row.standard} | ${row.repository} | ${row.newlyFailing} | ${row.newlyPassing} | ${row.files.map((f) => `<code>${cell(f)}</code>`).join(', ')} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
