/** How reviews are queued and run, from the environment (README: "Scaling out"). */
export interface QueueSettings {
  /** Set: BullMQ on this Redis, reviews run by worker processes. Unset: in the App's process. */
  redisUrl?: string;
  /** Prefix of every Redis key: two deployments (or test runs) on one Redis stay apart. */
  prefix: string;
  /** Reviews one process runs at once. */
  concurrency: number;
  /** Pull requests the embedded queue holds waiting before it refuses more. */
  maxWaiting: number;
  /** How long a worker's claim on a job lasts without renewal: a dead worker's job is retried after it. */
  lockDurationMs: number;
  /** How often workers look for jobs whose worker died. */
  stalledIntervalMs: number;
  /** How long SIGTERM waits for running reviews before the process leaves them to other workers. */
  shutdownGraceMs: number;
}

/** BullMQ's own defaults for the lock and the stalled-job check. */
const DEFAULT_LOCK_MS = 30_000;

/** Under a container platform's usual 30 s between SIGTERM and SIGKILL. */
const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;

export function queueSettingsOf(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const redisUrl = env.REDIS_URL?.trim();
  return {
    ...(redisUrl ? { redisUrl } : {}),
    prefix: env.REVIEW_QUEUE_PREFIX?.trim() || 'perf-review',
    concurrency: wholeNumber(env, 'REVIEW_CONCURRENCY', 2, 1),
    maxWaiting: wholeNumber(env, 'REVIEW_QUEUE_LIMIT', 1_000, 1),
    lockDurationMs: wholeNumber(env, 'REVIEW_LOCK_MS', DEFAULT_LOCK_MS, 500),
    stalledIntervalMs: wholeNumber(env, 'REVIEW_STALLED_INTERVAL_MS', DEFAULT_LOCK_MS, 500),
    shutdownGraceMs: wholeNumber(env, 'SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS, 0),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be a whole number, at least ${min} (got "${text}")`);
  return value;
}
