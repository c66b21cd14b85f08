import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { OrgConfig } from '../config.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { Finding } from '../engine/finding.ts';
import { fsScanSource } from '../sources/fs-source.ts';
import type { Standard } from '../standards/standard.ts';
import type { TeamRegistry } from '../standards/teams.ts';
import { compareText } from '../text-order.ts';

export interface ImpactRow {
  standard: string;
  repository: string;
  newlyFailing: number;
  newlyPassing: number;
  files: string[];
}

/** The corpus folders: each entry is a repository folder, or `dir/*` for every folder inside. */
export async function corpusFolders(root: string, entries: readonly string[]): Promise<string[]> {
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith('/*')) {
      const parent = resolve(root, entry.slice(0, -2));
      for (const name of (await readdir(parent).catch(() => [] as string[])).sort()) {
        if ((await stat(join(parent, name))).isDirectory()) folders.push(join(parent, name));
      }
    } else folders.push(resolve(root, entry));
  }
  return folders;
}

// Lifecycle notes ("enforced from …") change with dates, not with what a standard catches.
const key = (f: Finding) => JSON.stringify([f.file, f.line, f.message_id, f.notes.length ? f.message.slice(0, f.message.lastIndexOf(' (')) : f.message]);

/** Evaluates base and head versions of each changed standard on every corpus repository, in scan mode, and counts what changes. */
export async function previewImpact(changed: { base?: Standard; head?: Standard }[], folders: readonly string[], context: { config: OrgConfig; teams: TeamRegistry; today: string }): Promise<ImpactRow[]> {
  const rows: ImpactRow[] = [];
  for (const folder of folders) {
    const repository = `corpus/${basename(folder)}`;
    for (const { base, head } of changed) {
      const run = async (standard: Standard | undefined) => {
        if (!standard || standard.status === 'superseded') return [];
        const source = await fsScanSource({ dir: folder, repository });
        return (await evaluate([standard], source.changeSet, { config: context.config, today: context.today, teams: context.teams })).findings.filter((f) => f.severity !== 'info');
      };
      const before = await run(base);
      const after = await run(head);
      const beforeKeys = new Set(before.map(key));
      const afterKeys = new Set(after.map(key));
      const newlyFailing = after.filter((f) => !beforeKeys.has(key(f)));
      const newlyPassing = before.filter((f) => !afterKeys.has(key(f)));
      if (!newlyFailing.length && !newlyPassing.length) continue;
      const files = [...new Set([...newlyFailing, ...newlyPassing].map((f) => f.file ?? '(repository)'))].slice(0, 3);
      rows.push({ standard: (head ?? base)!.id, repository, newlyFailing: newlyFailing.length, newlyPassing: newlyPassing.length, files });
    }
  }
  return rows.sort((a, b) => compareText(a.standard, b.standard) || compareText(a.repository, b.repository));
}
