import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { hasPropertyReference } from '../maven-version.ts';
import { scopedKey, type DependencyDraft, type ParseError } from '../model.ts';
import { TextLines } from '../text-lines.ts';

interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string | number;
  scope?: string;
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** How far property references are followed, and how long a value may grow: past either, it cannot be verified. */
const MAX_PROPERTY_DEPTH = 10;
const MAX_PROPERTY_LENGTH = 1000;

/** A value with its ${properties} replaced, or why it cannot be: a property no file here defines, or an expansion without bound. */
export function resolveProperties(value: string, properties: Readonly<Record<string, string>>): { value: string } | { problem: string } {
  let current = value;
  for (let depth = 0; hasPropertyReference(current); depth++) {
    if (depth >= MAX_PROPERTY_DEPTH) return { problem: `"${value}" refers to properties more than ${MAX_PROPERTY_DEPTH} deep` };
    let missing: string | undefined;
    current = current.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
      const found = properties[name];
      if (found === undefined) missing ??= name;
      return found ?? '';
    });
    if (missing !== undefined) return { problem: `\${${missing}} is defined by no <properties> in this pom (a parent pom or the build may define it)` };
    // A pom whose properties each repeat the next is an expansion bomb: stop before it grows.
    if (current.length > MAX_PROPERTY_LENGTH) return { problem: `"${value}" expands past ${MAX_PROPERTY_LENGTH} characters, which no version is` };
  }
  return { value: current };
}

const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * pom.xml: <dependencies> and <dependencyManagement>, with ${property} versions resolved where
 * the pom defines them. A dependency is placed at its own <dependency> element, found in the XML
 * tree (never an <exclusion> or another group's artifact of the same name). A version the pom
 * cannot give (managed by a parent, a property defined elsewhere) is reported as such.
 */
export function parsePom(text: string): { drafts: DependencyDraft[]; error?: ParseError } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { drafts: [], error: { message: valid.err.msg, line: valid.err.line, column: valid.err.col } };
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, captureMetaData: true });
  const project = (parser.parse(text) as { project?: Record<string, unknown> }).project;
  if (!project) return { drafts: [], error: { message: 'no <project> element', line: 1 } };

  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries((project.properties ?? {}) as Record<string, unknown>)) properties[name] = String(value);
  const parent = (project.parent ?? {}) as Record<string, string>;
  const version = String(project.version ?? parent.version ?? '');
  Object.assign(properties, {
    'project.version': version,
    'pom.version': version,
    version,
    'project.groupId': String(project.groupId ?? parent.groupId ?? ''),
    'project.artifactId': String(project.artifactId ?? ''),
    'project.parent.version': String(parent.version ?? ''),
    'project.parent.groupId': String(parent.groupId ?? ''),
  });

  const lines = new TextLines(text);
  const drafts: DependencyDraft[] = [];
  const management = (project.dependencyManagement as { dependencies?: unknown } | undefined)?.dependencies;
  // A dependency without a version takes the one this pom's own <dependencyManagement> gives it.
  const managed = new Map<string, string | number>();
  for (const dep of asList((management as { dependency?: PomDependency | PomDependency[] } | undefined)?.dependency)) {
    if (dep?.groupId && dep.artifactId && dep.version !== undefined) managed.set(`${dep.groupId}:${dep.artifactId}`, dep.version);
  }
  const collect = (container: unknown, section: string) => {
    for (const dep of asList((container as { dependency?: PomDependency | PomDependency[] } | undefined)?.dependency)) {
      if (!dep || typeof dep !== 'object' || !dep.groupId || !dep.artifactId) continue;
      const start = (dep as unknown as Record<symbol, { startIndex?: number } | undefined>)[metadata]?.startIndex;
      const group = resolveProperties(String(dep.groupId), properties);
      const artifact = resolveProperties(String(dep.artifactId), properties);
      const name = `${'value' in group ? group.value : dep.groupId}:${'value' in artifact ? artifact.value : dep.artifactId}`;
      const written = dep.version ?? managed.get(`${dep.groupId}:${dep.artifactId}`);
      const declared = written === undefined ? undefined : resolveProperties(String(written), properties);
      drafts.push({
        name,
        version: declared && 'value' in declared ? declared.value : written === undefined ? undefined : String(written),
        versionProblem:
          written === undefined
            ? `it has no <version>: ${parent.artifactId ? `the parent pom ${parent.groupId ?? ''}:${parent.artifactId}` : 'a parent pom'} or an imported BOM manages it, and this file does not say which version`
            : declared && 'problem' in declared
              ? declared.problem
              : undefined,
        dev: dep.scope === 'test',
        direct: true,
        line: start === undefined ? 1 : lines.lineAt(start),
        key: scopedKey(section, name),
      });
    }
  };
  collect(project.dependencies, 'dependencies');
  collect(management, 'dependencyManagement');
  return { drafts };
}
