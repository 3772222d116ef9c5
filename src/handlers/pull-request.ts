import type { Context } from 'probot';
import { newerHeadThan, recordHead } from '../github/latest-heads.js';
import { reviewTargetOf } from '../github/review-target.js';
import type { ReviewQueue } from '../queue/review-queue.js';
import { enqueueReview } from './enqueue-review.js';

/** The pushes and state changes after which the head commit needs a (new) review. */
export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** A push, or a pull request opened or made ready: its head is queued for review. */
export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>, queue: ReviewQueue): Promise<void> {
  const target = reviewTargetOf(context.payload.repository, context.payload.pull_request);
  // Noted at once, so a review of an older head already under way in this process sees it.
  recordHead(target);
  // A late or redelivered event of an earlier push: the newer head's own event has it reviewed.
  const newer = newerHeadThan(target);
  if (newer) {
    context.log.info({ head: target.headSha, newer }, 'Review not queued: a newer commit was pushed');
    return;
  }
  await enqueueReview(context, queue, { pullNumber: target.pullNumber, headSha: target.headSha, mode: 'changed', trigger: 'push', ...(target.updatedAt !== undefined ? { updatedAt: target.updatedAt } : {}) });
}
