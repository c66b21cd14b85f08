import { createHash } from 'node:crypto';
import type { TreeView } from '../changeset.ts';
import type { OrgConfig } from '../config.ts';
import type { Finding, Report } from '../engine/finding.ts';
import { exemptionLink, proposeLink, standardLink } from '../engine/links.ts';
import type { Standard } from '../standards/standard.ts';
import { FILES_IN_FLIGHT, forEachLimited } from '../for-each-limited.ts';
import { groupDigits } from './format.ts';
import { jsonInPieces } from './json-pieces.ts';
import { lineHashes } from './line-hash.ts';

const LEVEL = { fail: 'error', warn: 'warning', info: 'note' } as const;
/** GitHub code scanning rejects a run with more results than this. */
export const MAX_RESULTS = 25_000;
// Where a finding about no one file is shown: GitHub shows a result only at a location.
const FALLBACK_FILES = ['README.md', 'README', 'README.rst', 'README.txt', 'readme.md', '.github/CODEOWNERS', 'CODEOWNERS'];

function fingerprint(finding: Finding): string {
  return createHash('sha256').update(JSON.stringify([finding.standard, finding.file, finding.message_id, finding.message])).digest('hex').slice(0, 32);
}

/** A rule id that is a valid SARIF name: "Every repository has a README" → EveryRepositoryHasAReadme. */
function ruleName(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}

const uri = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export interface SarifOptions {
  standards: readonly Standard[];
  config: OrgConfig;
  version: string;
  today: string;
  nextExemptionId: string;
  /** The tree judged: the file a finding about no file is shown at, and the lines fingerprints hash. */
  head?: TreeView;
}

/** A finding at the place its result is shown. */
interface Placed {
  finding: Finding;
  file: string;
  line: number;
}

/** The file a finding about the whole repository or pull request is shown at: its README, else CODEOWNERS. */
async function fallbackFile(head: TreeView | undefined): Promise<string> {
  if (!head) return 'README.md';
  const root = new Set((await head.list('')).files);
  const github = new Set((await head.list('.github')).files.map((name) => `.github/${name}`));
  return FALLBACK_FILES.find((path) => root.has(path) || github.has(path)) ?? ((await head.list('')).files.sort()[0] ?? 'README.md');
}

/**
 * primaryLocationLineHash for each result whose file can be read at head, as GitHub's own upload
 * computes it: each file is read and hashed once, whatever its number of results.
 */
async function lineHashesFor(findings: readonly { file: string; line: number }[], head: TreeView | undefined): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  if (!head) return hashes;
  const byFile = new Map<string, Set<number>>();
  for (const { file, line } of findings) (byFile.get(file) ?? byFile.set(file, new Set()).get(file)!).add(line);
  // Many files at once: one at a time, a scan's 25,000 files waited a round trip to git each, and
  // its SARIF took twice as long as its JSON (bench/RESULTS.md, sixteenth pass).
  await forEachLimited(byFile, FILES_IN_FLIGHT, async ([file, lines]) => {
    const text = await head.read(file).catch(() => undefined);
    if (text === undefined) return;
    for (const [line, hash] of lineHashes(text, lines)) hashes.set(`${file}\u0000${line}`, hash);
  });
  return hashes;
}

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one rule per standard with its three links, one
 * result per finding, each at a location (a finding about no file is shown at the repository's
 * README, line 1), every region from line 1, fingerprints as GitHub computes them; exempted
 * findings are suppressions. Past GitHub's 25,000 results, failing findings are kept first and a
 * note result says how many were left out.
 */
export async function renderSarif(report: Report, options: SarifOptions): Promise<Iterable<string>> {
  const { config } = options;
  const standards = options.standards.filter((s) => s.status !== 'superseded');
  const index = new Map(standards.map((s, i) => [s.id, i]));
  const rules = standards.map((standard) => ({
    id: standard.id,
    name: ruleName(standard.title),
    shortDescription: { text: standard.title },
    fullDescription: { text: standard.rationale.trim() },
    helpUri: standardLink(config, standard),
    help: { text: standard.remediation.trim(), markdown: `${standard.remediation.trim()}\n\n[Why this standard exists](${standardLink(config, standard)}) · [Propose a change](${proposeLink(config, standard)})` },
    defaultConfiguration: { level: LEVEL[standard.severity], enabled: true },
    properties: {
      owner: standard.owner,
      status: standard.status,
      // GitHub keeps at most 20 tags per rule.
      tags: standard.tags.slice(0, 20),
      propose: proposeLink(config, standard),
      exemption: exemptionLink(config, standard, { repository: report.context.repository ?? undefined, paths: [], today: options.today, exemptionId: options.nextExemptionId }),
    },
  }));

  // Failing findings first, so what is kept under the limit is what matters most.
  const rank = (f: Finding) => (f.exemption || f.pre_existing ? 3 : { fail: 0, warn: 1, info: 2 }[f.severity]);
  const ordered = report.findings.length > MAX_RESULTS ? [...report.findings].sort((a, b) => rank(a) - rank(b)) : report.findings;
  const kept = ordered.slice(0, MAX_RESULTS - (ordered.length > MAX_RESULTS ? 1 : 0));
  const fallback = await fallbackFile(options.head);
  const placed: Placed[] = kept.map((finding) => ({ finding, file: finding.file ?? fallback, line: finding.line && finding.line >= 1 ? finding.line : 1 }));
  const hashes = await lineHashesFor(placed, options.head);

  const location = (file: string, line: number) => ({ physicalLocation: { artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' }, region: { startLine: line } } });
  const result = ({ finding, file, line }: Placed): Record<string, unknown> => {
    const lineHash = hashes.get(`${file}\u0000${line}`);
    return {
      ruleId: finding.standard,
      ...(index.has(finding.standard) ? { ruleIndex: index.get(finding.standard) } : {}),
      level: LEVEL[finding.severity],
      message: {
        text: `${finding.file ? '' : `${report.context.mode === 'scan' ? 'Repository' : 'Pull request'}: `}${finding.message}\n\nHow to fix: ${finding.remediation}`,
        markdown: `${finding.message}\n\n[why](${finding.links.standard}) · [propose a change](${finding.links.propose}) · [request an exemption](${finding.links.exemption})`,
      },
      locations: [location(file, line)],
      partialFingerprints: { 'standardsFinding/v1': fingerprint(finding), ...(lineHash ? { primaryLocationLineHash: lineHash } : {}) },
      baselineState: finding.pre_existing ? 'unchanged' : 'new',
      ...(finding.exemption
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${finding.exemption.id}, approved by ${finding.exemption.approved_by}, until ${finding.exemption.expires}` }] }
        : {}),
      // The three links are in message.markdown; repeating them here would double the file.
      properties: { check: finding.check, messageId: finding.message_id, ...(finding.file ? {} : { locationFallback: true }) },
    };
  };
  // The note on the findings left out: the last result, after the kept findings'.
  let leftOut: Record<string, unknown> | undefined;
  const left = ordered.length - kept.length;
  if (left) {
    rules.push({
      id: 'standards-bot/results-left-out',
      name: 'ResultsLeftOut',
      shortDescription: { text: 'Findings left out of this SARIF run' },
      fullDescription: { text: `GitHub code scanning takes at most ${groupDigits(MAX_RESULTS)} results per run; the rest of the findings are in the JSON report.` },
      helpUri: config.repository.url,
      help: { text: 'Run standards check --format json for every finding.', markdown: 'Run `standards check --format json` for every finding.' },
      defaultConfiguration: { level: 'note', enabled: true },
      properties: { owner: '', status: 'active', tags: [], propose: '', exemption: '' },
    });
    leftOut = {
      ruleId: 'standards-bot/results-left-out',
      ruleIndex: rules.length - 1,
      level: 'note',
      message: { text: `${groupDigits(left)} more findings were left out: GitHub code scanning takes at most ${groupDigits(MAX_RESULTS)} results per run. Failing findings were kept first; the JSON report (standards check --format json) has them all.` },
      locations: [location(fallback, 1)],
      partialFingerprints: { 'standardsFinding/v1': createHash('sha256').update(`left-out ${report.context.head}`).digest('hex').slice(0, 32) },
    };
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'standards-bot', semanticVersion: options.version, informationUri: config.repository.url, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository under check.' } } },
        results: [],
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices.map((notice) => ({ level: 'warning', message: { text: notice } })),
          },
        ],
        properties: { verdict: report.verdict, summary: report.summary, ...(left ? { resultsLeftOut: left } : {}) },
      },
    ],
  };
  // Each result is made as its piece of the file is written: a scan's 25,000 results, as objects
  // and then as one 64 MB string, took its peak RSS from 410 to 610-670 MiB (bench/RESULTS.md,
  // sixteenth pass).
  const entries: (Placed | undefined)[] = leftOut ? [...placed, undefined] : placed;
  return withNewline(jsonInPieces(log, ['runs', 0, 'results'], entries, (entry) => (entry ? result(entry) : leftOut)));
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield '\n';
}
