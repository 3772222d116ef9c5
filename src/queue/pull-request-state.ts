import type { Redis } from 'ioredis';
import { reviewJobKey, type ReviewJob } from './review-job.js';

/** The BullMQ queue the App adds to and the workers take from. */
export const QUEUE_NAME = 'reviews';

/**
 * How long the newest pushed head of a pull request is remembered: far longer than a job waits,
 * short enough that Redis does not keep a key per pull request ever pushed to.
 */
const HEAD_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long one job's turn on a pull request lasts unless released: past the longest review, so a
 * worker that died holding it delays that pull request's next review by this much at most.
 */
export const TURN_TTL_MS = 15 * 60 * 1000;

// Run as one script each, so two replicas deciding at the same moment cannot both win.
const RECORD_HEAD = `
local known = redis.call('HMGET', KEYS[1], 'sha', 'updatedAt')
if known[2] and known[2] ~= '' and ARGV[2] ~= '' and known[2] > ARGV[2] then return {0, known[1]} end
redis.call('HSET', KEYS[1], 'sha', ARGV[1], 'updatedAt', ARGV[2] ~= '' and ARGV[2] or (known[2] or ''))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, known[1] or ''}`;

const TAKE_TURN = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RELEASE_TURN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type Job = Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber'>;

// Job ids never hold `:`, so these keys cannot meet BullMQ's own `<prefix>:<queue>:<job id>`.
function headKey(prefix: string, job: Job): string {
  return `${prefix}:${QUEUE_NAME}:pr-head:${reviewJobKey(job)}`;
}

function turnKey(prefix: string, job: Job): string {
  return `${prefix}:${QUEUE_NAME}:pr-turn:${reviewJobKey(job)}`;
}

/**
 * Notes a pushed head unless a later push is already known (GitHub's `updated_at` orders them),
 * and says which head it replaces: its waiting job is no longer worth running.
 */
export async function recordPushedHead(client: Redis, prefix: string, job: Job & { headSha: string }, updatedAt = ''): Promise<{ newest: boolean; replaced?: string }> {
  const [newest, known] = (await client.eval(RECORD_HEAD, 1, headKey(prefix, job), job.headSha, updatedAt, HEAD_TTL_MS)) as [number, string | null];
  return { newest: newest === 1, ...(known && known !== job.headSha ? { replaced: known } : {}) };
}

export async function newestPushedHead(client: Redis, prefix: string, job: Job): Promise<string | undefined> {
  return (await client.hget(headKey(prefix, job), 'sha')) ?? undefined;
}

/**
 * One review of a pull request at a time across all workers, as `inTurn` does within a process:
 * two reviews listing and posting comments at once would comment a finding twice. The job that
 * holds the turn may take it again: that is a job retried after its worker died.
 */
export async function takeTurn(client: Redis, prefix: string, job: Job, jobId: string): Promise<boolean> {
  return (await client.eval(TAKE_TURN, 1, turnKey(prefix, job), jobId, TURN_TTL_MS)) === 1;
}

export async function releaseTurn(client: Redis, prefix: string, job: Job, jobId: string): Promise<void> {
  await client.eval(RELEASE_TURN, 1, turnKey(prefix, job), jobId);
}
