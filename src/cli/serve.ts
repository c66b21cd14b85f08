import { pino } from 'pino';
import { createStandardsServer } from '../server/app.ts';
import { serverSettings } from '../server/env.ts';
import { LOG_REDACTION } from '../server/logging.ts';
import { loadTrusted, standardsRoot } from '../standards/trusted.ts';
import { EXIT, type CliIo } from './shared.ts';

/**
 * `standards serve`: the GitHub App webhook server. The first SIGTERM or SIGINT drains it within
 * SHUTDOWN_TIMEOUT (exit 0); a second one stops it at once, logging every pull request it leaves
 * behind (exit 1).
 */
export async function serve(io: CliIo): Promise<number> {
  const settings = serverSettings(io.env);
  // Refuse to start on a broken standards checkout, rather than failing every delivery.
  await loadTrusted(standardsRoot(settings.standardsDir, io.env, io.cwd));
  const logger = pino({ name: 'standards-bot', redact: LOG_REDACTION });
  const app = createStandardsServer({ settings, logger });
  await app.listen();
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        const left = app.outstanding();
        for (const work of left) logger.warn({ repository: `${work.owner}/${work.repo}`, pull_request: work.number, deliveries: work.sources }, 'forced stop: pull request left unchecked; the reconciler will find it');
        logger.warn({ signal, unchecked: left.length }, 'forced stop');
        logger.flush();
        process.exit(EXIT.fail);
      }
      stopping = true;
      logger.info({ signal }, 'stopping; send it again to stop at once');
      void app.shutdown().then(() => resolve(EXIT.pass));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
