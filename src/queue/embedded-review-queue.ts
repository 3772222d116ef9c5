import type { QueueDepth } from '../metrics/metrics.js';
import { mergeReviewJobs, reviewJobKey, type ReviewJob } from './review-job.js';
import { QueueFullError, type Enqueued, type ReviewQueue } from './review-queue.js';

export interface EmbeddedQueueOptions {
  /** Reviews running at once; analysis itself is bounded by the worker-thread pool. */
  concurrency: number;
  /** Pull requests waiting at most: past it `add` refuses, so memory stays bounded under a flood. */
  maxWaiting: number;
  onError: (job: ReviewJob, error: unknown) => void;
}

/**
 * The default queue, in the App's own process: reviews run in the background with bounded
 * concurrency, and each pull request has at most one job waiting. A newer push replaces the
 * waiting job of an older head, so a burst of pushes costs one review of the newest.
 */
export class EmbeddedReviewQueue implements ReviewQueue {
  /** Waiting jobs by pull request, oldest first (a Map keeps insertion order). */
  readonly #waiting = new Map<string, ReviewJob>();
  /** Pull requests under review: their next job waits, so it can still take in newer pushes. */
  readonly #running = new Set<string>();
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  constructor(
    readonly run: (job: ReviewJob) => Promise<unknown>,
    readonly options: EmbeddedQueueOptions,
  ) {}

  async add(job: ReviewJob): Promise<Enqueued> {
    if (this.#closed) throw new Error('The review queue is closed: the App is shutting down');
    const key = reviewJobKey(job);
    const queued = this.#waiting.get(key);
    if (queued) {
      this.#waiting.set(key, mergeReviewJobs(queued, job));
      return 'merged';
    }
    if (this.#waiting.size >= this.options.maxWaiting) throw new QueueFullError(this.options.maxWaiting);
    this.#waiting.set(key, job);
    this.#startNext();
    return 'queued';
  }

  async depth(): Promise<QueueDepth> {
    return { waiting: this.#waiting.size, active: this.#running.size };
  }

  async ready(): Promise<boolean> {
    return !this.#closed;
  }

  idle(): Promise<void> {
    if (this.#waiting.size === 0 && this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Waiting jobs are dropped (none has a check run yet); running ones finish. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.clear();
    if (this.#running.size === 0) this.#settle();
    await this.idle();
  }

  #startNext(): void {
    for (const [key, job] of this.#waiting) {
      if (this.#running.size >= this.options.concurrency) return;
      if (this.#running.has(key)) continue;
      this.#waiting.delete(key);
      this.#running.add(key);
      void this.run(job)
        .catch((error: unknown) => this.options.onError(job, error))
        .finally(() => {
          this.#running.delete(key);
          this.#startNext();
          if (this.#waiting.size === 0 && this.#running.size === 0) this.#settle();
        });
    }
  }

  #settle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
