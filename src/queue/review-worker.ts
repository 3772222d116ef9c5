import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger, Probot } from 'probot';
import { errorFields } from '../github/error-fields.js';
import type { QueueDepth } from '../metrics/metrics.js';
import { QUEUE_NAME, newestPushedHead, releaseTurn, takeTurn } from './pull-request-state.js';
import type { QueueSettings } from './queue-settings.js';
import { depthOf } from './redis-review-queue.js';
import type { ReviewJob } from './review-job.js';
import { runReviewJob, type JobOutcome } from './run-review-job.js';

/** A job whose pull request another worker is reviewing tries again this much later. */
const TURN_RETRY_MS = 2_000;

export interface ReviewWorker {
  depth(): Promise<QueueDepth>;
  ready(): Promise<boolean>;
  /** Finishes the running reviews and stops; the process may exit once it resolves. */
  close(): Promise<void>;
}

/**
 * A worker process's consumer: takes review jobs from Redis and runs them as the App, with a
 * client per job from `probot.auth(installation)`. BullMQ renews each job's lock while it runs
 * (analysis is on worker threads, so the event loop is free to); a worker that dies stops renewing,
 * and another worker takes the job up again once the lock has expired.
 */
export function startReviewWorker(probot: Probot, settings: QueueSettings & { redisUrl: string }, log: Logger): ReviewWorker {
  // Blocking commands wait for jobs without limit; BullMQ requires no per-request retry cap here.
  const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  const { prefix } = settings;
  const review = async (job: Job<ReviewJob>, token?: string): Promise<JobOutcome> => {
    const data = job.data;
    const jobId = job.id!;
    const newest = data.headSha !== undefined ? await newestPushedHead(connection, prefix, data) : undefined;
    if (newest !== undefined && newest !== data.headSha) {
      log.info({ job: jobId, newer: newest }, 'Review not started: a newer commit was pushed');
      return { status: 'superseded', by: newest };
    }
    if (!(await takeTurn(connection, prefix, data, jobId))) {
      await job.moveToDelayed(Date.now() + TURN_RETRY_MS, token);
      // Tells BullMQ the job was moved, not failed: no attempt is spent.
      throw new DelayedError();
    }
    try {
      const octokit = await probot.auth(data.installationId);
      // A push that reached another replica while this review ran makes it stale: asked before publishing.
      const newerHead = async (): Promise<string | undefined> => {
        if (data.headSha === undefined) return undefined;
        const pushed = await newestPushedHead(connection, prefix, data);
        return pushed !== undefined && pushed !== data.headSha ? pushed : undefined;
      };
      return await runReviewJob(data, octokit, log.child({ job: jobId, delivery: data.deliveryId }), newerHead);
    } finally {
      await releaseTurn(connection, prefix, data, jobId);
    }
  };
  const worker = new Worker<ReviewJob, JobOutcome>(QUEUE_NAME, review, {
    connection,
    prefix,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
  });
  worker.on('failed', (job, error) => {
    log.error({ job: job?.id, attempts: job?.attemptsMade, ...errorFields(error) }, 'Review job failed');
    // A job that stalled once too often died with the turn: the pull request's next job must not wait for it to expire.
    if (job?.id) void releaseTurn(connection, prefix, job.data, job.id).catch(() => undefined);
  });
  worker.on('error', (error) => log.error(errorFields(error), 'Review worker error'));
  // Read-only here: queue depth for this worker's /metrics.
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  queue.on('error', (error) => log.error(errorFields(error), 'Review queue error'));
  return {
    depth: () => depthOf(queue),
    ready: async () => connection.status === 'ready' && worker.isRunning(),
    close: async () => {
      await worker.close();
      await queue.close();
      await connection.quit();
    },
  };
}
