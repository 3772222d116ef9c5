import { newerHeadThan, recordHead } from './latest-heads.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/**
 * The newer head that makes this review stale, checked just before anything is published. The
 * events this process received answer for free; otherwise GitHub is asked, since the push may have
 * reached another instance of the App, or not have been delivered yet. One request per review.
 */
export async function supersededBy(octokit: GitHub, target: ReviewTarget): Promise<string | undefined> {
  const known = newerHeadThan(target);
  if (known) return known;
  const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.pullNumber });
  if (data.head.sha === target.headSha) return undefined;
  // Queued reviews of this pull request can now stop before they spend any request.
  recordHead({ ...target, headSha: data.head.sha, updatedAt: data.updated_at });
  return data.head.sha;
}
