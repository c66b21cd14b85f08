import type { TreeView } from '../changeset.ts';
import { parseConfig, CONFIG_FILE, type OrgConfig } from '../config.ts';
import { ConfigError, type Diagnostic } from '../diagnostics.ts';
import { exemptionsFromTexts, EXEMPTIONS_DIR, type Exemption } from '../standards/exemptions.ts';
import { RULES_DIR, standardsFromTexts } from '../standards/load-standards.ts';
import type { Standard } from '../standards/standard.ts';
import { parseTeams, TeamRegistry, TEAMS_FILE } from '../standards/teams.ts';

/** The standards repository as it is at one commit: parsed where valid, with every problem kept. */
export interface RepoState {
  ref: string;
  config?: OrgConfig;
  standards?: Standard[];
  exemptions?: Exemption[];
  teams: TeamRegistry;
  texts: Map<string, string>;
  diagnostics: Diagnostic[];
}

function attempt<T>(diagnostics: Diagnostic[], load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      diagnostics.push(...error.diagnostics);
      return undefined;
    }
    throw error;
  }
}

/** Reads rules, exemptions, teams, settings and the catalogue from a tree (a git commit). */
export async function readRepoState(tree: TreeView): Promise<RepoState> {
  const paths = (await tree.paths()).filter((p) => p.startsWith(`${RULES_DIR}/`) || p.startsWith(`${EXEMPTIONS_DIR}/`) || [CONFIG_FILE, TEAMS_FILE, 'STANDARDS.md'].includes(p));
  const texts = new Map<string, string>();
  for (const path of paths) texts.set(path, (await tree.read(path)) ?? '');
  const yamlUnder = (dir: string) => [...texts.entries()].filter(([p]) => p.startsWith(`${dir}/`) && /\.ya?ml$/i.test(p)).map(([file, text]) => ({ file, text }));
  const diagnostics: Diagnostic[] = [];
  const config = texts.has(CONFIG_FILE) ? attempt(diagnostics, () => parseConfig(texts.get(CONFIG_FILE)!)) : undefined;
  const standards = attempt(diagnostics, () => standardsFromTexts(yamlUnder(RULES_DIR)));
  const teams = (texts.has(TEAMS_FILE) ? attempt(diagnostics, () => parseTeams(texts.get(TEAMS_FILE)!)) : undefined) ?? TeamRegistry.empty();
  const exemptions = config && standards ? attempt(diagnostics, () => exemptionsFromTexts(yamlUnder(EXEMPTIONS_DIR), standards, teams, config)) : undefined;
  return { ref: tree.ref, config, standards, exemptions, teams, texts, diagnostics };
}
