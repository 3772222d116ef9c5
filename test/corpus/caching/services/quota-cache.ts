import { eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { redis } from '../lib/redis';
import { quotas } from '../db/schema';

/** Quotas change on every send: a 30-second cache is as stale as the dashboard may be. */
const QUOTA_TTL_SECONDS = 30;

export async function quotaOf(appId: string) {
  const cached = await redis.get(`app:${appId}:quota`);
  if (cached) return JSON.parse(cached) as { used: number; limit: number };
  const [quota] = await db.select({ used: quotas.used, limit: quotas.limit }).from(quotas).where(eq(quotas.appId, appId));
  await redis.setex(`app:${appId}:quota`, QUOTA_TTL_SECONDS, JSON.stringify(quota));
  return quota;
}

export async function consume(appId: string, count: number) {
  const [before] = await db.select({ used: quotas.used, limit: quotas.limit }).from(quotas).where(eq(quotas.appId, appId));
  if (!before || before.used + count > before.limit) return false;
  await db.update(quotas).set({ used: sql`${quotas.used} + ${count}` }).where(eq(quotas.appId, appId));
  const [after] = await db.select({ used: quotas.used, limit: quotas.limit }).from(quotas).where(eq(quotas.appId, appId));
  return after.used <= after.limit;
}
