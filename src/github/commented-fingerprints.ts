import { fingerprintsIn } from '../review/markers.js';
import { MAX_PER_PAGE } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** Findings already commented on this pull request, by fingerprint, so a push never repeats them. */
export async function commentedFingerprints(octokit: GitHub, target: ReviewTarget): Promise<Set<string>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  return new Set(comments.flatMap((comment) => fingerprintsIn(comment.body)));
}
