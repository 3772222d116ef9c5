import { reviewTargetOf, type ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** The pull request as it is now: events other than `pull_request` carry only its number. */
export async function getPullRequest(octokit: GitHub, owner: string, repo: string, pullNumber: number): Promise<ReviewTarget> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  return reviewTargetOf(data.base.repo, data);
}
