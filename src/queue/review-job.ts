import type { ReviewMode } from '../engine/index.js';
import { pullRequestKey } from '../github/latest-heads.js';

/**
 * What asked for the review. A push waits for `skipDrafts`; a re-run or a command is someone
 * asking for this review now, draft or not.
 */
export type ReviewTrigger = 'push' | 'rerun' | 'command';

/**
 * One queued review: ids only. The worker authenticates as the App and reads the pull request as
 * it is when the job runs, so a job that waited is never reviewed with stale data, and a queue
 * holds no credentials.
 */
export interface ReviewJob {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head a push announced. Absent: the head the pull request has when the job runs. */
  headSha?: string;
  mode: ReviewMode;
  trigger: ReviewTrigger;
  /** The webhook delivery that asked for it, sent along with each request of the review for GitHub Support. */
  deliveryId: string;
}

/** One key per pull request, whatever the case GitHub spells its owner and name in. */
export function reviewJobKey(job: Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber'>): string {
  return pullRequestKey(job);
}

/**
 * Deduplicates by repository, pull request, head and mode: the same push delivered twice, or to two
 * replicas, is queued once. BullMQ refuses ids with `:` (its key separator); none of these has one.
 */
export function reviewJobId(job: Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber' | 'headSha' | 'mode'>): string {
  return `${reviewJobKey(job)}@${job.headSha ?? 'head'}-${job.mode}`;
}

/**
 * A queued job and a newer request for the same pull request become one job: the newer head (or
 * "whatever the head is then"), every line if either asked for every line, and no draft skipping
 * if either was asked for by a person.
 */
export function mergeReviewJobs(queued: ReviewJob, newer: ReviewJob): ReviewJob {
  return {
    ...newer,
    mode: queued.mode === 'all' || newer.mode === 'all' ? 'all' : 'changed',
    trigger: newer.trigger === 'push' ? queued.trigger : newer.trigger,
  };
}
