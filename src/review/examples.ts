import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ChangeSet, FileChange } from '../changeset.ts';
import { changedLines } from '../sources/content.ts';
import { treeFromPaths } from '../tree.ts';
import type { OrgConfig } from '../config.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { Finding } from '../engine/finding.ts';
import type { Standard, StandardExample } from '../standards/standard.ts';
import type { TeamRegistry } from '../standards/teams.ts';

export interface ExampleResult {
  standard: string;
  kind: 'pass' | 'fail';
  name: string;
  ok: boolean;
  /** Why it did not behave as the example says. */
  problem?: string;
}

/** The change set an example describes. */
export function exampleChangeSet(example: StandardExample): ChangeSet {
  const base = example.base ?? {};
  const head: Record<string, string> = { ...base, ...(example.files ?? {}) };
  for (const path of example.deleted ?? []) delete head[path];
  const files: FileChange[] = [];
  const change = (path: string, status: FileChange['status'], before: string, after: string) => {
    const { added, removed } = changedLines(before, after);
    files.push({ path, status, isBinary: async () => false, lineCounts: async () => ({ additions: added.length, deletions: removed.length }), addedLines: async () => added, removedLines: async () => removed });
  };
  for (const [path, text] of Object.entries(example.files ?? {})) {
    if (!(path in base)) change(path, 'added', '', text);
    else if (base[path] !== text) change(path, 'modified', base[path]!, text);
  }
  for (const path of example.deleted ?? []) if (path in base) change(path, 'deleted', base[path]!, '');
  const tree = (contents: Record<string, string>, ref: string) => treeFromPaths(ref, async () => Object.keys(contents).sort(), async (path) => contents[path]);
  const pr = example.pr ? { title: example.pr.title ?? '', body: example.pr.body ?? '', labels: example.pr.labels ?? [], draft: example.pr.draft ?? false } : undefined;
  return { mode: 'diff', files, head: tree(head, 'example head'), base: tree(base, 'example base'), pr, repository: example.repository ?? 'acme/example' };
}

/** Examples kept beside the rules in test/standards/STD-xxxx/{pass,fail}/*.yaml, merged with inline ones. */
export async function examplesOf(standard: Standard, root?: string): Promise<{ pass: StandardExample[]; fail: StandardExample[] }> {
  const merged = { pass: [...(standard.examples?.pass ?? [])], fail: [...(standard.examples?.fail ?? [])] };
  if (!root) return merged;
  for (const kind of ['pass', 'fail'] as const) {
    const dir = join(root, 'test/standards', standard.id, kind);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
      merged[kind].push({ name: `${kind}/${name}`, ...(parse(await readFile(join(dir, name), 'utf8')) as StandardExample) });
    }
  }
  return merged;
}

function judge(kind: 'pass' | 'fail', example: StandardExample, findings: Finding[], skipped: string | undefined): string | undefined {
  if (skipped) return `not evaluated: ${skipped}`;
  if (kind === 'pass') return findings.length ? `expected no findings, got ${findings.length}: ${findings.map((f) => f.message).join(' | ')}` : undefined;
  if (!findings.length) return 'expected findings, got none';
  if (example.expect?.count !== undefined && findings.length !== example.expect.count) return `expected ${example.expect.count} findings, got ${findings.length}: ${findings.map((f) => f.message).join(' | ')}`;
  const missing = (example.expect?.messages ?? []).find((text) => !findings.some((f) => f.message.includes(text)));
  return missing ? `no finding says "${missing}"; got: ${findings.map((f) => f.message).join(' | ')}` : undefined;
}

/** Runs a standard's examples, in the style of ESLint's RuleTester: each passing example must be clean, each failing one must fail. */
export async function runExamples(standard: Standard, context: { config: OrgConfig; teams: TeamRegistry; today: string; root?: string }): Promise<ExampleResult[]> {
  const examples = await examplesOf(standard, context.root);
  const results: ExampleResult[] = [];
  for (const kind of ['pass', 'fail'] as const) {
    for (const [index, example] of examples[kind].entries()) {
      // Judge the standard as if active, so proposed and not-yet-enforced ones are tested too.
      const subject: Standard = { ...standard, status: standard.status === 'superseded' ? 'superseded' : 'active', enforce_from: undefined };
      const report = await evaluate([subject], exampleChangeSet(example), { config: context.config, today: context.today, teams: context.teams });
      const problem = judge(kind, example, report.findings, report.skipped[0]?.reason);
      results.push({ standard: standard.id, kind, name: example.name ?? `${kind} #${index + 1}`, ok: !problem, problem });
    }
  }
  return results;
}
