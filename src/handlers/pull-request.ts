import type { Context } from 'probot';
import { runReview } from '../github/run-review.js';
import { reviewTargetOf } from '../github/review-target.js';

/** The pushes and state changes after which the head commit needs a (new) review. */
export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** The payload carries everything a review needs: no extra request before the check run starts. */
export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>): Promise<void> {
  await runReview(context.octokit, reviewTargetOf(context.payload.repository, context.payload.pull_request), context.log);
}
