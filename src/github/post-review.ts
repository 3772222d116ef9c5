import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

export interface InlineComment {
  path: string;
  line: number;
  /** Set for a comment over several lines (a suggestion that replaces them all). */
  start_line?: number;
  body: string;
}

/** How the review is submitted: `REQUEST_CHANGES` needs a body, GitHub refuses one without. */
export type ReviewVerdict = { event: 'COMMENT' } | { event: 'REQUEST_CHANGES'; body: string };

/** Posts the new inline comments as one review, so the author gets one notification, not one per finding. */
export async function postReview(octokit: GitHub, target: ReviewTarget, comments: readonly InlineComment[], verdict: ReviewVerdict = { event: 'COMMENT' }): Promise<void> {
  if (comments.length === 0) return;
  await octokit.rest.pulls.createReview({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    commit_id: target.headSha,
    ...verdict,
    comments: comments.map((comment) => ({
      path: comment.path,
      line: comment.line,
      side: 'RIGHT',
      ...(comment.start_line !== undefined ? { start_line: comment.start_line, start_side: 'RIGHT' } : {}),
      body: comment.body,
    })),
  });
}
