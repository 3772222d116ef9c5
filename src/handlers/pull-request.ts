import type { Context } from 'probot';
import { recordHead } from '../github/latest-heads.js';
import { readSettings } from '../github/read-settings.js';
import { reviewTargetOf } from '../github/review-target.js';
import { runReview } from '../github/run-review.js';

/** The pushes and state changes after which the head commit needs a (new) review. */
export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** The payload carries everything a review needs: no extra request before the configuration. */
export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>): Promise<void> {
  const { action, pull_request: pullRequest, repository } = context.payload;
  const target = reviewTargetOf(repository, pullRequest);
  // Noted before anything is awaited, so a review of an older head already under way sees it.
  recordHead(target);
  const settings = await readSettings(context, target);
  // Marking a draft ready is the moment its author asks for reviews; any other event waits for it.
  if ('config' in settings && settings.config.skipDrafts && pullRequest.draft && action !== 'ready_for_review') {
    context.log.info({ pullRequest: pullRequest.number }, 'Draft pull request not reviewed (skipDrafts)');
    return;
  }
  await runReview(context.octokit, target, context.log, { mode: 'changed', settings });
}
