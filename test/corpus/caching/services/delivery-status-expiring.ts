import { redis } from '../lib/redis';

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'bounced' | 'complained';

const STATUS_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Live delivery status for the dashboard; the database keeps the history. */
export async function recordStatus(appId: string, emailId: string, status: DeliveryStatus, detail?: string) {
  const key = `app:${appId}:email:${emailId}`;
  await redis
    .multi()
    .hset(key, { status, detail: detail ?? '', at: Date.now() })
    .expire(key, STATUS_TTL_SECONDS)
    .exec();
}

export async function rememberProviderId(appId: string, emailId: string, providerMessageId: string) {
  await redis.set(`app:${appId}:provider:${providerMessageId}`, emailId, 'EX', STATUS_TTL_SECONDS);
}

/** Bumps the per-minute send counter used by the rate limiter. */
export async function countSend(appId: string) {
  const key = `app:${appId}:sends:${Math.floor(Date.now() / 60_000)}`;
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, 120);
  return count;
}

/** Only one worker refreshes an app's suppression list at a time. */
export async function tryLock(appId: string, token: string) {
  return (await redis.set(`app:${appId}:lock:suppressions`, token, 'PX', 30_000, 'NX')) === 'OK';
}
