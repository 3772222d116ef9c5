import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'probot';
import { errorFields } from '../github/error-fields.js';
import type { QueueDepth } from '../metrics/metrics.js';
import { QUEUE_NAME, recordPushedHead } from './pull-request-state.js';
import { reviewJobId, type ReviewJob } from './review-job.js';
import type { Enqueued, ReviewQueue } from './review-queue.js';

/**
 * A failed job is tried three times in all, 10 s then 20 s apart: long enough for a GitHub blip
 * or a deploy to pass. Reviews that fail after their check run exists say so there and are not
 * retried; what is retried failed before (the pull request or a token could not be read).
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: true,
  // Kept a week for inspection, and bounded: the same id cannot be queued again meanwhile.
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 1_000 },
};

/**
 * The App's side of the Redis queue: it only adds. Adding fails at once when Redis is away
 * (no offline queue), so the webhook fails visibly instead of hanging until GitHub gives up.
 */
export class RedisReviewQueue implements ReviewQueue {
  readonly #connection: Redis;
  readonly #queue: Queue<ReviewJob>;

  constructor(
    redisUrl: string,
    readonly prefix: string,
    log: Logger,
  ) {
    this.#connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.#queue = new Queue<ReviewJob>(QUEUE_NAME, { connection: this.#connection, prefix });
    // Redis going away is logged once per error; /ready says so until it is back.
    this.#queue.on('error', (error) => log.error(errorFields(error), 'Review queue error'));
  }

  async add(job: ReviewJob, { updatedAt }: { updatedAt?: string } = {}): Promise<Enqueued> {
    const pushed = job.headSha !== undefined ? await recordPushedHead(this.#connection, this.prefix, { ...job, headSha: job.headSha }, updatedAt) : undefined;
    if (pushed && !pushed.newest) return 'stale';
    await this.#queue.add('review', job, { ...JOB_OPTIONS, jobId: reviewJobId(job) });
    // A job of the older head that no worker has taken yet is dropped; a running one sees the
    // newer head before it publishes, as a review in one process does.
    if (pushed?.replaced) await this.#queue.remove(reviewJobId({ ...job, headSha: pushed.replaced, mode: 'changed' }));
    return 'queued';
  }

  async depth(): Promise<QueueDepth> {
    return depthOf(this.#queue);
  }

  async ready(): Promise<boolean> {
    return this.#connection.status === 'ready';
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {
    await this.#queue.close();
    await this.#connection.quit();
  }
}

export async function depthOf(queue: Queue): Promise<QueueDepth> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
  return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0), active: counts.active ?? 0 };
}
