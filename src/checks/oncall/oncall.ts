import type { ChangeSet } from '../../changeset.ts';
import { globProblem, inScope, matchesGlob } from '../../globs.ts';
import { parentDir } from '../../paths.ts';
import { defineCheck, type CheckResult, type OptionProblem } from '../types.ts';
import { filesUnder } from '../../tree.ts';
import { component, isCatalogFile, nearestCatalog, parseCatalog, type CatalogFile } from '../ownership/catalog.ts';
import { CATALOG_REQUIREMENTS, catalogSnippet, missingRequirements, REQUIREMENTS, type Requirement, type RequirementOptions } from './requirements.ts';

export interface OncallOptions extends RequirementOptions {
  deploy_paths: string[];
  tier_annotation?: string;
  requirements?: Record<string, Requirement[]>;
}

export const DEFAULT_REQUIREMENTS: Record<string, Requirement[]> = {
  default: ['owner', 'rotation', 'runbook', 'alerts', 'healthcheck'],
  '1': ['owner', 'rotation', 'runbook', 'alerts', 'healthcheck', 'dashboard', 'escalation'],
};

async function readCatalog(tree: ChangeSet['head'], path: string): Promise<CatalogFile | undefined> {
  const text = await tree.read(path);
  return text === undefined ? undefined : parseCatalog(path, text);
}

interface Service {
  catalogPath?: string;
  deployFiles: string[];
}

/** Every catalog file in the tree, read once and only when a deploy file has no catalog above it. */
function catalogsByName(tree: ChangeSet['head']): () => Promise<Map<string, string>> {
  let byName: Promise<Map<string, string>> | undefined;
  return () =>
    (byName ??= tree.paths().then(async (paths) => {
      const entries = await Promise.all(paths.filter(isCatalogFile).map(async (path) => [component(await readCatalog(tree, path))?.name, path] as const));
      return new Map(entries.filter((e): e is readonly [string, string] => !!e[0]));
    }));
}

/** The services a change puts in production: owners of changed deploy descriptors, and catalogs newly marked production. */
async function servicesGoingToProduction(options: OncallOptions, files: ChangeSet['files'], changeSet: ChangeSet): Promise<Map<string, Service>> {
  const services = new Map<string, Service>();
  const add = (key: string, catalogPath: string | undefined, deployFile?: string) => {
    const service = services.get(key) ?? { catalogPath, deployFiles: [] };
    if (deployFile) service.deployFiles.push(deployFile);
    services.set(key, service);
  };
  const byName = catalogsByName(changeSet.head);
  for (const file of files) {
    if (file.status === 'deleted') continue;
    if (inScope(file.path, options.deploy_paths)) {
      let catalogPath = await nearestCatalog(file.path, changeSet.head);
      if (!catalogPath) {
        // deploy/production/<service>/… lives away from the service: match it by catalog name.
        const named = await byName();
        catalogPath = file.path.replace(/\.[^./]+$/, '').split('/').map((segment) => named.get(segment)).find(Boolean);
      }
      add(catalogPath ?? file.path, catalogPath, file.path);
    } else if (isCatalogFile(file.path)) {
      const head = component(await readCatalog(changeSet.head, file.path));
      const base = component(await readCatalog(changeSet.base, file.previousPath ?? file.path));
      if (head?.lifecycle === 'production' && base?.lifecycle !== 'production') add(file.path, file.path);
    }
  }
  return services;
}

/** The name a deploy descriptor gives its service: the workload's metadata.name, else the folder (or file) under the deploy path. */
export function serviceNameFromDeploy(path: string, text: string | undefined, deployPaths: readonly string[]): string {
  const workload = /^kind:\s*(?:Deployment|StatefulSet|DaemonSet|CronJob|Job|Rollout|Service)\s*$/m.test(text ?? '') ? /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([\w.-]+)/m.exec(text ?? '') : null;
  if (workload) return workload[1]!;
  const pattern = deployPaths.find((glob) => matchesGlob(path, glob)) ?? '';
  const literal = pattern.split('/').findIndex((segment) => /[*?[{]/.test(segment));
  const rest = path.split('/').slice(literal < 0 ? 0 : literal);
  const generic = new Set(['production', 'prod', 'deploy', 'k8s', 'kubernetes', 'manifests', 'helm', 'charts', 'values']);
  const named = rest.slice(0, -1).find((segment) => !generic.has(segment.toLowerCase()));
  return named ?? rest[rest.length - 1]!.replace(/\.[^.]+$/, '');
}

export const oncall = defineCheck<OncallOptions>({
  type: 'oncall',
  summary: 'A change that deploys a service to production (a deploy descriptor, or a catalog entry set to lifecycle: production) finds the service ready for on-call: an owner team, a rotation, a runbook, alerts and a health check, and more for tier 1.',
  scope: 'change',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['deploy_paths'],
    properties: {
      deploy_paths: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Globs of production deploy descriptors, such as deploy/production/**.' },
      tier_annotation: { type: 'string', minLength: 1, description: 'The catalog annotation holding the service tier, such as acme.com/tier.' },
      requirements: {
        type: 'object',
        minProperties: 1,
        description: 'Tier ("1", "2", …, or "default") → the items required.',
        additionalProperties: { type: 'array', uniqueItems: true, items: { enum: REQUIREMENTS } },
      },
      alerts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Globs, relative to the service directory, of alert or SLO definitions.' },
      healthcheck: {
        type: 'object',
        additionalProperties: false,
        properties: {
          annotation: { type: 'string', minLength: 1 },
          deploy_keys: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' } },
        },
      },
      escalation_annotation: { type: 'string', minLength: 1, description: 'The catalog annotation naming a second escalation contact.' },
    },
  },
  messages: {
    missingOwner: '{{service}} (tier {{tier}}) goes to production with no owner team; add to {{file}}:\n{{snippet}}',
    unknownOwner: '{{service}} (tier {{tier}}) goes to production owned by {{owner}}, which is not a team in teams.yaml; in {{file}} use:\n{{snippet}}',
    missingRotation: '{{service}} (tier {{tier}}) goes to production with no on-call rotation (one of {{annotations}}); add to {{file}}:\n{{snippet}}',
    missingRunbook: '{{service}} (tier {{tier}}) goes to production with no runbook link; add to {{file}}:\n{{snippet}}',
    runbookNotHttps: '{{service}}\'s runbook link {{url}} is not https; use:\n{{snippet}}',
    runbookNotFound: '{{service}}\'s runbook link {{url}} points to {{path}}, which does not exist in this change:\n{{snippet}}',
    missingAlerts: '{{service}} (tier {{tier}}) goes to production with no alert or SLO definitions {{where}} (looked for {{globs}}); add, for example:\n{{snippet}}',
    missingCatalog: '{{service}} goes to production from {{file}} with no catalog entry, so nothing records its owner team, on-call rotation or runbook; create {{catalog}} (with the service\'s code) holding:\n{{snippet}}',
    missingHealthcheck: '{{service}} (tier {{tier}}) goes to production with no health check ({{where}}a {{keys}} key in its deploy descriptor); add:\n{{snippet}}',
    missingDashboard: '{{service}} is tier 1 and goes to production with no dashboard link; add to {{file}}:\n{{snippet}}',
    missingEscalation: '{{service}} is tier 1 and goes to production with no second escalation contact ({{annotation}}); add to {{file}}:\n{{snippet}}',
    catalogUnreadable: '{{file}} cannot be read, so {{service}}\'s on-call readiness cannot be checked: {{error}}',
  },
  validate(options) {
    const problems: OptionProblem[] = [];
    options.deploy_paths.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) problems.push({ path: ['deploy_paths', i], message: problem });
    });
    for (const [tier, list] of Object.entries(options.requirements ?? DEFAULT_REQUIREMENTS)) {
      if (list.includes('escalation') && !options.escalation_annotation) {
        problems.push({ path: ['requirements', tier], message: 'requires "escalation", so set escalation_annotation to the catalog annotation that names the second contact' });
      }
    }
    return problems;
  },
  async evaluate({ options, files, changeSet, teams }) {
    const services = await servicesGoingToProduction(options, files, changeSet);
    const requirements = options.requirements ?? DEFAULT_REQUIREMENTS;
    const results: CheckResult[] = [];
    for (const [key, service] of services) {
      // Each catalog is judged on its own: one that cannot be read is its own finding, never the others' loss.
      const catalog = service.catalogPath ? await readCatalog(changeSet.head, service.catalogPath) : undefined;
      const entity = component(catalog);
      const deployTexts = (await Promise.all(service.deployFiles.map((path) => changeSet.head.read(path)))).filter((t): t is string => t !== undefined);
      const directory = service.catalogPath ? parentDir(service.catalogPath) : undefined;
      const file = service.catalogPath ?? key;
      const name = entity?.name ?? (directory ? directory.split('/').pop() : serviceNameFromDeploy(key, deployTexts[0], options.deploy_paths)) ?? key;
      if (catalog?.error) {
        results.push({ messageId: 'catalogUnreadable', file, line: catalog.error.line, data: { file, service: name, error: catalog.error.message } });
        continue;
      }
      const tier = (options.tier_annotation && entity?.annotations[options.tier_annotation]) || 'default';
      const required = requirements[tier] ?? requirements.default ?? DEFAULT_REQUIREMENTS.default!;
      // What the requirements look for is looked for inside the service's own directory only.
      const serviceFiles = directory !== undefined ? (await filesUnder(changeSet.head, directory)).map((path) => (directory ? path.slice(directory.length + 1) : path)) : undefined;
      const facts = { entity, file, directory, name, tier, serviceFiles, deployTexts };
      const gaps = missingRequirements(facts, required, options, teams);
      if (!service.catalogPath) {
        // No catalog: one finding with the whole catalog to create, instead of one per field it would hold.
        const catalogGaps = gaps.filter((gap) => CATALOG_REQUIREMENTS.has(gap.requirement));
        if (catalogGaps.length) {
          results.push({ messageId: 'missingCatalog', file, data: { service: name, file, catalog: `<service folder>/catalog-info.yaml`, snippet: catalogSnippet(name, required, options) } });
        }
        for (const gap of gaps.filter((g) => !CATALOG_REQUIREMENTS.has(g.requirement))) results.push({ messageId: gap.messageId, file, line: gap.line, data: gap.data });
        continue;
      }
      for (const gap of gaps) results.push({ messageId: gap.messageId, file, line: gap.line, data: gap.data });
    }
    return results;
  },
});
