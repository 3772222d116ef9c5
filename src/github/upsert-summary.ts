import { SUMMARY_MARKER } from '../review/markers.js';
import { MAX_PER_PAGE } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** Keeps one summary comment per pull request, edited in place on every review instead of piling up. */
export async function upsertSummary(octokit: GitHub, target: ReviewTarget, body: string): Promise<'created' | 'updated'> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  const existing = comments.find((comment) => comment.body?.includes(SUMMARY_MARKER));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body });
  return 'created';
}
