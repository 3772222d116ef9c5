import type { Probot } from 'probot';
import { errorFields } from './error-fields.js';

/** A GitHub that does not answer must not hold up the start for long. */
export const CREDENTIALS_CHECK_TIMEOUT_MS = 10_000;

type Log = Pick<Probot['log'], 'info' | 'warn'>;

/**
 * One request at start-up, as the App itself (`GET /app`). The log says at once whether GitHub
 * accepts APP_ID and PRIVATE_KEY, instead of the first review failing on them. And the process
 * loads its HTTP client and signs its first JWT now: a process's first request to GitHub held its
 * event loop for ~50 ms, which the first burst of webhooks would otherwise wait behind.
 * Never throws: a failure is logged, and the process serves anyway.
 */
export async function checkAppCredentials(probot: Probot, log: Log = probot.log): Promise<void> {
  try {
    const octokit = await probot.auth();
    const { data } = await octokit.rest.apps.getAuthenticated({ request: { signal: AbortSignal.timeout(CREDENTIALS_CHECK_TIMEOUT_MS), retries: 0 } });
    const { slug, name } = (data ?? {}) as { slug?: string; name?: string };
    const app = slug ?? name;
    log.info(`GitHub accepts the App's credentials${app ? ` (${app})` : ''}`);
  } catch (error) {
    const fields = errorFields(error);
    const why = fields.status === 401 ? 'APP_ID or PRIVATE_KEY does not match a GitHub App' : 'GitHub could not be asked';
    log.warn(fields, `Start-up check of the App's credentials (GET /app) failed: ${why}. The App serves anyway; reviews fail while this lasts.`);
  }
}
