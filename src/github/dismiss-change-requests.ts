import { CHANGES_REQUESTED_MARKER } from '../review/markers.js';
import { MAX_PER_PAGE } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/**
 * Dismisses the reviews in which this App requested changes, once no finding reaches the gate: a
 * request for changes stays in force until dismissed, and would block the pull request for a
 * problem that is gone. Returns how many were dismissed.
 */
export async function dismissChangeRequests(octokit: GitHub, target: ReviewTarget, message: string): Promise<number> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  const own = reviews.filter((review) => review.state === 'CHANGES_REQUESTED' && review.user?.type === 'Bot' && review.body.includes(CHANGES_REQUESTED_MARKER));
  for (const review of own) {
    await octokit.rest.pulls.dismissReview({ owner: target.owner, repo: target.repo, pull_number: target.pullNumber, review_id: review.id, message, event: 'DISMISS' });
  }
  return own.length;
}
