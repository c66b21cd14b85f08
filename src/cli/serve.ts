import { createStandardsServer } from '../server/app.ts';
import { serverSettings } from '../server/env.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

/** `standards serve`: the GitHub App webhook server, until SIGTERM or SIGINT. */
export async function serve(io: CliIo): Promise<number> {
  const settings = serverSettings(io.env);
  // Refuse to start on a broken standards checkout, rather than failing every delivery.
  await loadTrusted(standardsRoot(settings.standardsDir, io.env, io.cwd));
  const app = createStandardsServer({ settings });
  await app.listen();
  await new Promise<void>((resolve) => {
    const stop = () => void app.idle().then(() => app.close()).then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return EXIT.pass;
}
