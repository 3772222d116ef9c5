import type { Probot } from 'probot';
import { errorFields } from '../github/error-fields.js';
import { EmbeddedReviewQueue } from './embedded-review-queue.js';
import { queueSettingsOf, type QueueSettings } from './queue-settings.js';
import { RedisReviewQueue } from './redis-review-queue.js';
import type { ReviewJob } from './review-job.js';
import type { ReviewQueue } from './review-queue.js';
import { runReviewJob } from './run-review-job.js';

/** Each Probot instance's one queue; weak, so a Probot that is dropped takes its queue along. */
const queues = new WeakMap<Probot, ReviewQueue>();

export interface CreateQueueOptions {
  /** Told of a job in this process that threw (a review's own failures are on its check run). */
  onJobError?: (job: ReviewJob) => void;
  settings?: QueueSettings;
}

/**
 * The App's queue, created once when the App is loaded: on Redis for worker processes when
 * `REDIS_URL` is set, otherwise in this process, where each job authenticates as the App itself.
 */
export function createReviewQueue(probot: Probot, { onJobError, settings = queueSettingsOf() }: CreateQueueOptions = {}): ReviewQueue {
  const queue = settings.redisUrl
    ? new RedisReviewQueue(settings.redisUrl, settings.prefix, probot.log)
    : new EmbeddedReviewQueue(async (job) => runReviewJob(job, await probot.auth(job.installationId), probot.log.child({ delivery: job.deliveryId })), {
        concurrency: settings.concurrency,
        maxWaiting: settings.maxWaiting,
        onError: (job, error) => {
          probot.log.error({ delivery: job.deliveryId, pullRequest: job.pullNumber, ...errorFields(error) }, 'Review job failed');
          onJobError?.(job);
        },
      });
  queues.set(probot, queue);
  return queue;
}

/** The queue the App loaded into this Probot created: for the server's health checks and shutdown. */
export function reviewQueueOf(probot: Probot): ReviewQueue | undefined {
  return queues.get(probot);
}
