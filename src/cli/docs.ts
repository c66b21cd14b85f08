import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generatedFiles } from '../docs/standards-md.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

/** `standards docs`: regenerate STANDARDS.md, the schemas and .github/CODEOWNERS, or with `--check` report drift. */
export async function docs(io: CliIo, options: { standards?: string; check?: boolean }): Promise<number> {
  const { standards, config, exemptions, root } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  const stale: string[] = [];
  for (const file of generatedFiles(standards, config, exemptions)) {
    const path = join(root, file.path);
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current === file.content) continue;
    stale.push(file.path);
    if (!options.check) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
  }
  if (options.check) {
    if (stale.length) io.stderr.write(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date with the rule files; run \`standards docs\` and commit the result.\n`);
    else io.stdout.write('Generated files are up to date.\n');
    return stale.length ? EXIT.fail : EXIT.pass;
  }
  io.stdout.write(stale.length ? `Wrote ${stale.join(', ')}.\n` : 'Generated files were already up to date.\n');
  return EXIT.pass;
}
