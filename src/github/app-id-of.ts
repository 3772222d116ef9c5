import type { GitHub } from './types.js';

/**
 * This App's id, read from the client's own credentials (signing a JWT needs no request). Undefined
 * when the client is not authenticated as an App, e.g. with a plain token.
 */
export async function appIdOf(octokit: GitHub): Promise<number | undefined> {
  try {
    const auth = (await octokit.auth({ type: 'app' })) as { appId?: unknown };
    return typeof auth.appId === 'number' ? auth.appId : undefined;
  } catch {
    return undefined;
  }
}
