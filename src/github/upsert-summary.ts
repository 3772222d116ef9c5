import { SUMMARY_MARKER } from '../review/markers.js';
import { MAX_PER_PAGE } from './limits.js';
import type { SummaryComment } from './read-review-context.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/**
 * Keeps one summary comment per pull request, edited in place on every review instead of piling up,
 * and left alone when its text would not change. `existing` is the comment the review's context
 * found (null: none); undefined, it is looked up here.
 */
export async function upsertSummary(octokit: GitHub, target: ReviewTarget, body: string, existing?: SummaryComment | null): Promise<'created' | 'updated' | 'unchanged'> {
  const found = existing === undefined ? await findSummary(octokit, target) : existing;
  if (found) {
    if (found.body === body) return 'unchanged';
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: found.id, body });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body });
  return 'created';
}

async function findSummary(octokit: GitHub, target: ReviewTarget): Promise<SummaryComment | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  const existing = comments.find((comment) => comment.body?.includes(SUMMARY_MARKER));
  return existing ? { id: existing.id, body: existing.body ?? '' } : undefined;
}
