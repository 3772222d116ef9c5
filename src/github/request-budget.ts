import type { GitHub } from './types.js';

/** Requests any review may make, whatever its size: read, review, summary, check run, and one spare. */
export const BASE_REQUESTS_PER_REVIEW = 5;

/** One more request per this many changed files: a large pull request needs more pages and queries. */
export const FILES_PER_EXTRA_REQUEST = 50;

/**
 * The most GitHub requests one review of a pull request with `changedFiles` files may make: 5 for a
 * small one, 11 for 300 files. The installation token is not counted: Probot caches it for an hour
 * per installation, so it is not a cost of one review.
 */
export function requestBudget(changedFiles: number): number {
  return BASE_REQUESTS_PER_REVIEW + Math.floor(Math.max(0, changedFiles) / FILES_PER_EXTRA_REQUEST);
}

/** Counts what one client sends, except the installation token requests that `requestBudget` leaves out. */
export interface RequestCounter {
  (): number;
}

export function countReviewRequests(octokit: Pick<GitHub, 'hook'>): RequestCounter {
  let made = 0;
  octokit.hook.before('request', (options) => {
    // The URL may still be a template here (`/app/installations/{installation_id}/access_tokens`).
    if (!/\/access_tokens$/.test(options.url ?? '')) made++;
  });
  return () => made;
}
