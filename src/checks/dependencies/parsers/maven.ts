import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DependencyDraft, ParseError } from '../model.ts';
import { TextLines } from '../text-lines.ts';

interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string | number;
  scope?: string;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Replaces ${name} from <properties> and the project's own coordinates, repeatedly for chains. */
function resolveProperties(value: string, properties: Record<string, string>): string {
  let current = value;
  for (let i = 0; i < 10 && current.includes('${'); i++) {
    current = current.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties[name] ?? whole);
  }
  return current;
}

/** pom.xml: <dependencies> and <dependencyManagement>, with ${property} versions resolved. */
export function parsePom(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { drafts: [], error: { message: valid.err.msg, line: valid.err.line, column: valid.err.col } };
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  const project = (parser.parse(text) as { project?: Record<string, unknown> }).project;
  if (!project) return { drafts: [], error: { message: 'no <project> element', line: 1 } };

  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries((project.properties ?? {}) as Record<string, unknown>)) properties[name] = String(value);
  const parent = (project.parent ?? {}) as Record<string, string>;
  const version = String(project.version ?? parent.version ?? '');
  Object.assign(properties, {
    'project.version': version,
    'pom.version': version,
    'project.groupId': String(project.groupId ?? parent.groupId ?? ''),
    'project.artifactId': String(project.artifactId ?? ''),
    'project.parent.version': String(parent.version ?? ''),
  });

  const lines = new TextLines(text);
  const drafts: DependencyDraft[] = [];
  const managementStart = lines.find('<dependencyManagement>');
  const managementEnd = lines.find('</dependencyManagement>') ?? managementStart;
  const insideManagement = (line: number) => managementStart !== undefined && line >= managementStart && line <= managementEnd!;
  // Top-level <dependencies> is the first one outside <dependencyManagement>.
  const topLevelLine = lines.findLine((line) => line.includes('<dependencies>'), 1) ;
  const firstOutside = (() => {
    for (let from = topLevelLine ?? 1; ; ) {
      const line = lines.find('<dependencies>', from);
      if (line === undefined || !insideManagement(line)) return line;
      from = line + 1;
    }
  })();
  const collect = (container: unknown, section: string) => {
    const sectionLine = (section === 'dependencies' ? firstOutside : managementStart) ?? 1;
    for (const dep of asList((container as { dependency?: PomDependency | PomDependency[] } | undefined)?.dependency)) {
      if (!dep.groupId || !dep.artifactId) continue;
      const name = `${resolveProperties(dep.groupId, properties)}:${resolveProperties(dep.artifactId, properties)}`;
      const artifactLine = lines.find(`<artifactId>${dep.artifactId}</artifactId>`, sectionLine) ?? sectionLine;
      drafts.push({
        name,
        version: dep.version === undefined ? undefined : resolveProperties(String(dep.version), properties),
        dev: dep.scope === 'test',
        direct: true,
        line: artifactLine,
        key: `${section}:${name}`,
      });
    }
  };
  collect(project.dependencies, 'dependencies');
  collect((project.dependencyManagement as { dependencies?: unknown } | undefined)?.dependencies, 'dependencyManagement');
  return { drafts };
}
