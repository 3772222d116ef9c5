import type { QueueDepth } from '../metrics/metrics.js';
import type { ReviewJob } from './review-job.js';

/**
 * `queued`: a new job; `merged`: folded into a job of the same pull request that had not started;
 * `stale`: a newer head of the pull request is known, so this one is not worth a review.
 */
export type Enqueued = 'queued' | 'merged' | 'stale';

/** Where webhook handlers put reviews: in this process, or on Redis for worker processes. */
export interface ReviewQueue {
  /**
   * Resolves once the review is queued, long before it is done. `updatedAt` (the pull request's,
   * from the event) orders pushes that arrive out of order.
   */
  add(job: ReviewJob, order?: { updatedAt?: string }): Promise<Enqueued>;
  depth(): Promise<QueueDepth>;
  /** Whether the queue takes jobs now: the readiness of this process. */
  ready(): Promise<boolean>;
  /** Resolves when this process has no review queued or running (at once where workers run them). */
  idle(): Promise<void>;
  /** Takes no more jobs and lets the running ones finish. */
  close(): Promise<void>;
}

/** Thrown by `add` when the queue is at its limit: the webhook fails, and GitHub shows it as failed. */
export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`The review queue is full (${limit} pull requests waiting): try again later`);
    this.name = 'QueueFullError';
  }
}
