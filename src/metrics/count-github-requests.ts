import type { ProbotOctokit } from 'probot';
import { githubRequests } from './metrics.js';

type Hookable = Pick<ProbotOctokit, 'hook'>;

/**
 * Counts the requests one client makes (a request its retry plugin repeats, once; its installation
 * token request, when the cached token has expired): the per-review figure that the budget of
 * GitHub requests is measured by.
 */
export function countGitHubRequests(octokit: Hookable): () => number {
  let made = 0;
  octokit.hook.before('request', () => void made++);
  return () => made;
}

/**
 * An Octokit plugin: every client of the process counts its requests into
 * `perf_review_github_requests_total`, by method and status (0: no answer).
 */
export function githubRequestMetrics(octokit: Hookable): void {
  octokit.hook.wrap('request', async (request, options) => {
    try {
      const response = await request(options);
      githubRequests.inc({ method: options.method, status: String(response.status) });
      return response;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      githubRequests.inc({ method: options.method, status: typeof status === 'number' ? String(status) : '0' });
      throw error;
    }
  });
}
