import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

/** `standards validate`: every rule file, exemption, teams.yaml and the settings, or exit 2 with each mistake. */
export async function validate(io: CliIo, options: { standards?: string }): Promise<number> {
  const { standards, exemptions, root } = await loadTrusted(standardsRoot(options.standards, io.env, io.cwd));
  io.stdout.write(`${standards.length} standards and ${exemptions.length} exemptions in ${root} are valid.\n`);
  return EXIT.pass;
}
