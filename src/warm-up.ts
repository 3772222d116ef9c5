import type { Probot } from 'probot';
import { warmAnalysisPool } from './engine/pool/review-off-thread.js';
import { checkAppCredentials } from './github/check-app-credentials.js';
import { errorFields } from './github/error-fields.js';

/**
 * What a serving process does before its /ready answers 200: asks GitHub whether it accepts the
 * App's credentials, and, where this process runs the reviews, starts the analysis thread. Either
 * would otherwise happen while the first burst of webhooks is being answered. Never throws: a
 * failure is logged and the process serves anyway.
 */
export async function warmUp(probot: Probot, { analysis }: { analysis: boolean }): Promise<void> {
  const log = probot.log.child({ name: 'warm-up' });
  const started = performance.now();
  await Promise.all([
    checkAppCredentials(probot, log),
    analysis ? warmAnalysisPool().catch((error: unknown) => log.error(errorFields(error), 'The analysis thread did not start: reviews will fail')) : undefined,
  ]);
  log.info(`Warmed up in ${Math.round(performance.now() - started)} ms`);
}
