import { matchesAny } from '../../globs.ts';
import { joinRepoPath } from '../../paths.ts';
import type { TeamRegistry } from '../../standards/teams.ts';
import { linksOfKind, type CatalogEntity } from '../ownership/catalog.ts';

export const REQUIREMENTS = ['owner', 'rotation', 'runbook', 'alerts', 'healthcheck', 'dashboard', 'escalation'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const ROTATION_ANNOTATIONS = ['pagerduty.com/service-id', 'pagerduty.com/integration-key', 'opsgenie.com/team'];
export const DEFAULT_ALERT_GLOBS = ['alerts/**', 'slo/**', 'slos/**', '**/*.slo.yaml', '**/*.slo.yml', '**/*alert*.yaml', '**/*alert*.yml', '**/*rules*.yaml', '**/*rules*.yml'];
export const DEFAULT_HEALTH_KEYS = ['readinessProbe', 'livenessProbe', 'healthCheck', 'healthcheck', 'health_check'];

export interface ServiceFacts {
  /** The catalog Component, when the service has one. */
  entity?: CatalogEntity;
  /** Where findings point and snippets go: the catalog file, else the deploy descriptor. */
  file: string;
  /** The service's directory (the catalog's), for alert files and relative runbook paths. */
  directory?: string;
  name: string;
  tier: string;
  /** Every file under the service's directory, relative to it; undefined when there is no service directory (no catalog). */
  serviceFiles?: readonly string[];
  /** Text of the deploy descriptors that triggered the check. */
  deployTexts: string[];
}

export interface RequirementOptions {
  alerts?: string[];
  healthcheck?: { annotation?: string; deploy_keys?: string[] };
  escalation_annotation?: string;
}

export interface Gap {
  requirement: Requirement;
  messageId: string;
  line?: number;
  data: Record<string, string>;
}

/** The requirements a catalog entry records: with no catalog, they are one finding with the whole file to create. */
export const CATALOG_REQUIREMENTS: ReadonlySet<Requirement> = new Set(['owner', 'rotation', 'runbook', 'dashboard', 'escalation']);

/** A complete catalog-info.yaml for a service, with what its requirements need. */
export function catalogSnippet(name: string, requirements: readonly Requirement[], options: RequirementOptions & { tier_annotation?: string }): string {
  const annotations = ['pagerduty.com/service-id: <PagerDuty service id>'];
  if (options.tier_annotation) annotations.push(`${options.tier_annotation}: "2"`);
  if (requirements.includes('escalation') && options.escalation_annotation) annotations.push(`${options.escalation_annotation}: <second on-call contact>`);
  if (requirements.includes('healthcheck') && options.healthcheck?.annotation) annotations.push(`${options.healthcheck.annotation}: /healthz`);
  const links = [`- url: https://runbooks.example.com/${name}\n      title: Runbook\n      type: runbook`];
  if (requirements.includes('dashboard')) links.push(`- url: https://grafana.example.com/d/${name}\n      title: Dashboard\n      type: dashboard`);
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    ...annotations.map((a) => `    ${a}`),
    '  links:',
    ...links.map((l) => `    ${l}`),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: group:<your-team>',
  ]
    .map((line) => `    ${line}`)
    .join('\n');
}

const indent = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');

/** One missing on-call item, with the exact YAML to add. */
function gapOf(requirement: Requirement, messageId: string, service: ServiceFacts, line: number | undefined, snippet: string, extra: Record<string, string> = {}): Gap {
  return { requirement, messageId, line, data: { service: service.name, tier: service.tier, file: service.file, snippet: indent(snippet), ...extra } };
}

/** What a service lacks for the given requirements. Pure: every fact is passed in. */
export function missingRequirements(service: ServiceFacts, requirements: readonly Requirement[], options: RequirementOptions, teams: TeamRegistry): Gap[] {
  const { entity } = service;
  const gaps: Gap[] = [];
  const annotationsLine = entity?.lines.annotations ?? entity?.lines.metadata;
  const linksLine = entity?.lines.links ?? entity?.lines.metadata;
  for (const requirement of requirements) {
    switch (requirement) {
      case 'owner':
        if (!entity?.owner) gaps.push(gapOf(requirement, 'missingOwner', service, entity?.lines.spec ?? entity?.lines.entity, 'spec:\n  owner: group:<your-team>'));
        else if (!teams.forCatalogOwner(entity.owner)) gaps.push(gapOf(requirement, 'unknownOwner', service, entity.lines.owner, `spec:\n  owner: group:<one of: ${teams.handles().map((h) => h.split('/').pop()).join(', ')}>`, { owner: entity.owner }));
        break;
      case 'rotation':
        if (!ROTATION_ANNOTATIONS.some((key) => entity?.annotations[key])) {
          gaps.push(gapOf(requirement, 'missingRotation', service, annotationsLine, 'metadata:\n  annotations:\n    pagerduty.com/service-id: <PagerDuty service id>', { annotations: ROTATION_ANNOTATIONS.join(', ') }));
        }
        break;
      case 'runbook': {
        const runbooks = entity ? linksOfKind(entity, /runbook|playbook/i) : [];
        if (!runbooks.length) {
          gaps.push(gapOf(requirement, 'missingRunbook', service, linksLine, `metadata:\n  links:\n    - url: https://runbooks.example.com/${service.name}\n      title: Runbook\n      type: runbook`));
          break;
        }
        for (const link of runbooks) {
          if (/^[a-z][a-z0-9+.-]*:/i.test(link.url)) {
            if (!/^https:\/\//i.test(link.url)) gaps.push(gapOf(requirement, 'runbookNotHttps', service, linksLine, `    - url: ${link.url.replace(/^[a-z]+:/i, 'https:')}`, { url: link.url }));
          } else {
            const relative = joinRepoPath(undefined, link.url.replace(/#.*$/, ''));
            if (!service.serviceFiles?.includes(relative)) gaps.push(gapOf(requirement, 'runbookNotFound', service, linksLine, `# add ${joinRepoPath(service.directory, relative)}, or point the link at an existing runbook`, { url: link.url, path: joinRepoPath(service.directory, relative) }));
          }
        }
        break;
      }
      case 'alerts': {
        // Only the service's own files count: elsewhere, a file named like rules is someone else's.
        const globs = options.alerts ?? DEFAULT_ALERT_GLOBS;
        const found = service.serviceFiles?.some((path) => matchesAny(path, globs)) ?? false;
        if (!found) {
          const prefix = service.directory ? `${service.directory}/` : '<service folder>/';
          const where = service.directory !== undefined ? `under ${service.directory ? `${service.directory}/` : 'the repository root'}` : 'anywhere: with no catalog, the service has no folder of its own to look in';
          const snippet = `# ${prefix}alerts/${service.name}.yaml\ngroups:\n  - name: ${service.name}\n    rules:\n      - alert: ${service.name}HighErrorRate\n        expr: <error-rate expression> > 0.05\n        for: 5m\n        labels:\n          severity: page`;
          gaps.push(gapOf(requirement, 'missingAlerts', service, undefined, snippet, { globs: globs.join(', '), where }));
        }
        break;
      }
      case 'healthcheck': {
        const annotation = options.healthcheck?.annotation;
        const keys = options.healthcheck?.deploy_keys ?? DEFAULT_HEALTH_KEYS;
        const declared = (annotation && entity?.annotations[annotation]) || service.deployTexts.some((text) => keys.some((key) => new RegExp(`^\\s*(?:-\\s+)?${key}\\s*:`, 'm').test(text)));
        if (!declared) {
          const snippet = annotation ? `metadata:\n  annotations:\n    ${annotation}: /healthz` : 'readinessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080';
          gaps.push(gapOf(requirement, 'missingHealthcheck', service, annotation ? annotationsLine : undefined, snippet, { where: annotation ? `the ${annotation} annotation or ` : '', keys: keys.join(', ') }));
        }
        break;
      }
      case 'dashboard':
        if (!entity || !linksOfKind(entity, /dashboard|grafana|datadog/i).length) {
          gaps.push(gapOf(requirement, 'missingDashboard', service, linksLine, `metadata:\n  links:\n    - url: https://grafana.example.com/d/${service.name}\n      title: Dashboard\n      type: dashboard`));
        }
        break;
      case 'escalation': {
        const key = options.escalation_annotation!;
        if (!entity?.annotations[key]) gaps.push(gapOf(requirement, 'missingEscalation', service, annotationsLine, `metadata:\n  annotations:\n    ${key}: <second on-call contact>`, { annotation: key }));
        break;
      }
    }
  }
  return gaps;
}
